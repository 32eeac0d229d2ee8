#include "input/material_database.h"

#include "base/input_error.h"

#include <algorithm>
#include <cstdlib>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace mgsim
{
  std::string
  PropertySpec::expectation() const
  {
    std::ostringstream s;
    s << "a number from " << lower << " to " << upper << " (" << unit << ")";
    return s.str();
  }

  MaterialDatabase
  MaterialDatabase::read(const std::string               &path,
                         const std::vector<PropertySpec> &specs,
                         const std::vector<std::string>  &text_keys)
  {
    std::vector<std::string> allowed = text_keys;
    for (const auto &spec : specs)
      {
        allowed.push_back(spec.key);
        allowed.push_back(spec.key + "_source");
      }
    const IniFile file = IniFile::read(
      path,
      {},
      [&](const std::string &, std::vector<std::string> &keys) {
        keys = allowed;
        return true;
      },
      "");

    MaterialDatabase database;
    database.path_ = path;
    for (const auto &section : file.sections())
      {
        MaterialEntry entry;
        entry.name = section;
        for (const auto &key : text_keys)
          {
            const auto value = file.text(section, key);
            if (!value)
              file.fail(section, key, "a text (every entry needs it)");
            entry.texts[key] = *value;
          }
        for (const auto &spec : specs)
          {
            const auto value = file.number(
              section, spec.key, spec.lower, spec.upper, spec.expectation());
            if (!value && spec.fallback &&
                !file.text(section, spec.key + "_source"))
              {
                entry.values[spec.key] = *spec.fallback;
                continue;
              }
            if (!value)
              file.fail(section, spec.key, spec.expectation());
            const auto source = file.text(section, spec.key + "_source");
            if (!source)
              file.fail(section,
                        spec.key + "_source",
                        "a source for every value (literature or reasoning)");
            entry.values[spec.key] = SourcedValue{*value, *source};
          }
        database.entries_.push_back(entry);
      }
    return database;
  }

  const MaterialEntry &
  MaterialDatabase::get(const std::string &name,
                        const std::string &context) const
  {
    std::vector<std::string> names;
    for (const auto &entry : entries_)
      {
        if (entry.name == name)
          return entry;
        names.push_back(entry.name);
      }
    throw InputError(context + " = '" + name + "': expected one of " +
                     join(names) + " (from " + path_ + ")");
  }

  std::string
  default_database_path(const std::string &file_name)
  {
    const char *dir = std::getenv("MGSIM_DATA_DIR");
    return std::string(dir ? dir : MGSIM_DATA_DIR) + "/" + file_name;
  }

  void
  print_database(std::ostream                    &out,
                 const MaterialDatabase          &database,
                 const std::vector<PropertySpec> &specs,
                 const std::vector<std::string>  &text_keys)
  {
    out << "# " << database.path() << "\n";
    // One column for the keys, as wide as the longest.
    std::size_t width = 0;
    for (const auto &key : text_keys)
      width = std::max(width, key.size() + 2);
    for (const auto &spec : specs)
      width = std::max(width, spec.key.size() + 2);
    for (const auto &entry : database.entries())
      {
        out << "\n[" << entry.name << "]\n";
        for (const auto &key : text_keys)
          out << "  " << std::left << std::setw(width) << key
              << entry.texts.at(key) << "\n";
        for (const auto &spec : specs)
          {
            const auto &v = entry.values.at(spec.key);
            out << "  " << std::left << std::setw(width) << spec.key
                << std::setw(10) << v.value << " " << std::setw(8) << spec.unit
                << v.source << "\n";
          }
      }
  }
} // namespace mgsim
