#include "report/report_parts.h"

#include "base/input_error.h"
#include "base/output_file.h"
#include "report/html_page.h"

#include <ctime>
#include <filesystem>

namespace mgsim_post
{
  using nlohmann::json;

  const json &
  json_member(const json        &object,
              const std::string &key,
              const std::string &file)
  {
    const auto it = object.find(key);
    if (it == object.end())
      throw mgsim::InputError(file + ": no \"" + key + "\"");
    return *it;
  }

  json
  report_section(const std::string &id, const std::string &heading)
  {
    return {{"id", id}, {"heading", heading}};
  }

  json
  read_provenance(const std::string &directory)
  {
    const std::string file = directory + "/provenance.json";
    return std::filesystem::exists(file) ? read_json_object(file) :
                                           json::object();
  }

  json
  provenance_table(const json &provenance, const std::string &caption)
  {
    std::vector<json> rows;
    for (const auto &[key, value] : provenance.items())
      rows.push_back(
        {block::cell(key),
         block::cell(value.is_string() ? value.get<std::string>() :
                     value.is_number() ? format_number(value.get<double>(), 6) :
                                         value.dump())});
    return block::table(caption, {"what", "value"}, rows, "provenance");
  }

  void
  write_report_page(const std::string &file,
                    const std::string &title,
                    const std::string &subtitle,
                    const std::string &directory,
                    const std::string &version,
                    const json        &sections)
  {
    const std::time_t now = std::time(nullptr);
    char              generated[32];
    std::strftime(generated, sizeof(generated), "%F %T UTC", std::gmtime(&now));
    const json page = {{"title", title},
                       {"subtitle", subtitle},
                       {"version", version},
                       {"generated", generated},
                       {"directory", directory},
                       {"sections", sections}};
    mgsim::write_file_replacing(file, [&](std::ostream &out) {
      out << render_report_page(page);
    });
    mgsim::raise_local_output_failure();
  }
} // namespace mgsim_post
