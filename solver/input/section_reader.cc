#include "input/section_reader.h"

#include "base/input_error.h"

#include <deal.II/base/exceptions.h>

#include <filesystem>
#include <iomanip>
#include <sstream>

namespace mgsim
{
  std::vector<KeySpec>
  overridable(const std::vector<PropertySpec> &properties)
  {
    std::vector<KeySpec> specs;
    for (const PropertySpec &p : properties)
      specs.push_back(
        {p.key, p.unit, p.description, p.expectation(), p.lower, p.upper});
    return specs;
  }

  std::vector<std::string>
  keys_of(const std::vector<KeySpec> &specs)
  {
    std::vector<std::string> keys;
    for (const auto &spec : specs)
      keys.push_back(spec.key);
    return keys;
  }

  std::string
  format_number(const double x)
  {
    for (int digits = 6; digits < 18; ++digits)
      {
        std::ostringstream s;
        s << std::setprecision(digits) << x;
        if (std::stod(s.str()) == x)
          return s.str();
      }
    return std::to_string(x);
  }

  SectionReader::SectionReader(const IniFile                  &file,
                               std::string                     section,
                               const std::vector<KeySpec>     &specs,
                               std::vector<ResolvedParameter> &resolved)
    : file(file)
    , section(std::move(section))
    , specs(specs)
    , resolved(resolved)
  {
  }

  const KeySpec &
  SectionReader::spec(const std::string &key) const
  {
    for (const auto &s : specs)
      if (s.key == key)
        return s;
    // A key read but not declared is a programming error, not bad input.
    AssertThrow(false,
                dealii::ExcMessage("[" + section + "] " + key +
                                   " is read but not declared"));
    return specs.front();
  }

  double
  SectionReader::number(const std::string          &key,
                        const std::optional<double> computed_default)
  {
    const KeySpec &s = spec(key);
    const auto     value =
      file.number(section, key, s.lower, s.upper, s.expectation);
    std::optional<double> fallback = computed_default;
    if (!fallback && s.fallback)
      fallback = std::stod(*s.fallback);
    if (!value && !fallback)
      file.fail(section, key, s.expectation);
    record(key,
           value ? file.find(section, key)->text : format_number(*fallback),
           s.unit);
    return value ? *value : *fallback;
  }

  long
  SectionReader::integer(const std::string &key)
  {
    const KeySpec &s        = spec(key);
    const auto     value    = file.integer(section,
                                    key,
                                    static_cast<long>(s.lower),
                                    static_cast<long>(s.upper));
    const long     fallback = std::stol(s.fallback.value());
    record(key, std::to_string(value.value_or(fallback)), s.unit);
    return value.value_or(fallback);
  }

  std::string
  SectionReader::choice(const std::string               &key,
                        const std::optional<std::string> computed_default)
  {
    const KeySpec &s     = spec(key);
    const auto     value = file.choice(section, key, s.choices);
    const std::optional<std::string> fallback =
      computed_default ? computed_default : s.fallback;
    if (!value && !fallback)
      file.fail(section, key, "one of: " + join(s.choices));
    record(key, value.value_or(*fallback), s.unit);
    return value ? *value : *fallback;
  }

  std::string
  SectionReader::text(const std::string               &key,
                      const std::optional<std::string> computed_default)
  {
    const KeySpec                   &s     = spec(key);
    const auto                       value = file.text(section, key);
    const std::optional<std::string> fallback =
      computed_default ? computed_default : s.fallback;
    if (!value && !fallback)
      file.fail(section, key, s.expectation);
    record(key, value.value_or(*fallback), s.unit);
    return value ? *value : *fallback;
  }

  std::string
  SectionReader::path(const std::string               &key,
                      const std::string               &case_file,
                      const std::optional<std::string> computed_default)
  {
    namespace fs            = std::filesystem;
    const fs::path    given = text(key, computed_default);
    const std::string absolute =
      given.is_absolute() ? given.string() :
                            (fs::absolute(case_file).parent_path() / given)
                              .lexically_normal()
                              .string();
    resolved.back().value = absolute;
    return absolute;
  }

  MaterialEntry
  SectionReader::overridden(MaterialEntry                    entry,
                            const std::vector<PropertySpec> &properties,
                            const std::string               &database_label)
  {
    for (const auto &property : properties)
      {
        auto &value = entry.values.at(property.key);
        if (const auto given = file.number(section,
                                           property.key,
                                           property.lower,
                                           property.upper,
                                           property.expectation()))
          value =
            SourcedValue{*given, "set in case (" + origin(property.key) + ")"};
        else
          value.source = database_label + ": " + value.source;
        resolved.push_back({section,
                            property.key,
                            format_number(value.value),
                            property.unit,
                            value.source});
      }
    return entry;
  }

  bool
  SectionReader::given(const std::string &key) const
  {
    return file.find(section, key) != nullptr;
  }

  void
  SectionReader::fail(const std::string &key,
                      const std::string &expectation) const
  {
    file.fail(section, key, expectation);
  }

  std::string
  SectionReader::origin(const std::string &key) const
  {
    const IniValue *value = file.find(section, key);
    return value ? value->origin : "default";
  }

  void
  SectionReader::record(const std::string &key,
                        const std::string &value,
                        const std::string &unit)
  {
    resolved.push_back({section, key, value, unit, origin(key)});
  }
} // namespace mgsim
