#include "report/html_page.h"

#include "base/input_error.h"
#include "base/text_file.h"

#include <kainjow/mustache.hpp>
#include <vtkBase64Utilities.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

namespace mgsim_post
{
  const char *
  report_template();

  namespace
  {
    using Data = kainjow::mustache::data;

    /** The page description as the template engine's data. Numbers are
     * formatted before they get here: only strings, booleans and lists. */
    Data
    to_data(const nlohmann::json &value)
    {
      switch (value.type())
        {
          case nlohmann::json::value_t::object:
            {
              Data object{Data::type::object};
              for (const auto &[name, item] : value.items())
                object.set(name, to_data(item));
              return object;
            }
          case nlohmann::json::value_t::array:
            {
              Data list{Data::type::list};
              for (const auto &item : value)
                list.push_back(to_data(item));
              return list;
            }
          case nlohmann::json::value_t::string:
            return Data(value.get<std::string>());
          case nlohmann::json::value_t::boolean:
            return Data(value.get<bool>());
          case nlohmann::json::value_t::null:
            return Data(false);
          default:
            return Data(value.dump());
        }
    }

    std::string
    mime_type(const std::string &file)
    {
      const std::string extension = std::filesystem::path(file).extension();
      if (extension == ".png")
        return "image/png";
      if (extension == ".svg")
        return "image/svg+xml";
      throw std::logic_error(file + ": no image type known for it");
    }
  } // namespace

  std::string
  render_report_page(const nlohmann::json &page)
  {
    kainjow::mustache::mustache page_template{report_template()};
    if (!page_template.is_valid())
      throw std::logic_error("report template: " +
                             page_template.error_message());
    const std::string html = page_template.render(to_data(page));
    if (!page_template.is_valid())
      throw std::logic_error("report template: " +
                             page_template.error_message());
    return html;
  }

  std::string
  format_number(const double value, const int digits)
  {
    if (value == 0 || !std::isfinite(value))
      return value == 0 ? "0" : std::to_string(value);
    const double magnitude = std::abs(value);
    char         text[64];
    if (magnitude >= 1e-3 && magnitude < 1e6)
      {
        // Decimals for `digits` significant digits, trailing zeros dropped.
        const int decimals =
          std::max(0, digits - 1 - int(std::floor(std::log10(magnitude))));
        std::snprintf(text, sizeof(text), "%.*f", decimals, value);
        std::string s = text;
        if (s.find('.') != std::string::npos)
          {
            s.erase(s.find_last_not_of('0') + 1);
            if (s.back() == '.')
              s.pop_back();
          }
        return s;
      }
    std::snprintf(text, sizeof(text), "%.*e", digits - 1, value);
    return text;
  }

  namespace block
  {
    nlohmann::json
    cell(const std::string &text,
         const std::string &cell_class,
         const std::string &key)
    {
      nlohmann::json c = {{"text", text}};
      if (!cell_class.empty())
        c["cell_class"] = cell_class;
      if (!key.empty())
        c["cell_key"] = key;
      return c;
    }

    nlohmann::json
    number_cell(const double value, const std::string &key)
    {
      return cell(format_number(value), "num", key);
    }

    nlohmann::json
    table(const std::string                 &caption,
          const std::vector<std::string>    &header,
          const std::vector<nlohmann::json> &rows,
          const std::string                 &id)
    {
      nlohmann::json t = {{"caption", caption}, {"header", header}};
      t["rows"]        = nlohmann::json::array();
      for (const auto &row : rows)
        t["rows"].push_back({{"cells", row}});
      if (!id.empty())
        t["table_id"] = id;
      return t;
    }

    nlohmann::json
    figure(const std::string &file,
           const std::string &alt,
           const std::string &caption)
    {
      const std::string bytes = mgsim::read_text_file(file);
      std::string       encoded(4 * (bytes.size() / 3 + 2), '\0');
      encoded.resize(vtkBase64Utilities::Encode(
        reinterpret_cast<const unsigned char *>(bytes.data()),
        bytes.size(),
        reinterpret_cast<unsigned char *>(encoded.data())));
      return {{"source", "data:" + mime_type(file) + ";base64," + encoded},
              {"alt", alt},
              {"caption", caption}};
    }

    nlohmann::json
    part(const std::string &text, const std::string &key)
    {
      nlohmann::json p = {{"text", text}};
      if (!key.empty())
        p["number_key"] = key;
      return p;
    }

    nlohmann::json
    paragraph(const std::string &text, const bool note)
    {
      return {{"text", text}, {"note", note}};
    }
  } // namespace block
} // namespace mgsim_post
