#include "input/ini_file.h"

#include "base/input_error.h"
#include "base/text_file.h"

#include <boost/program_options.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace mgsim
{
  namespace po = boost::program_options;

  namespace
  {
    /** Splits "region.tumour.tissue" into ("region.tumour", "tissue"). */
    std::pair<std::string, std::string>
    split_name(const std::string &name)
    {
      const auto dot = name.rfind('.');
      if (dot == std::string::npos)
        return {"", name};
      return {name.substr(0, dot), name.substr(dot + 1)};
    }
    /** Edits (insertions, deletions, substitutions) from @p a to @p b. */
    std::size_t
    edit_distance(const std::string &a, const std::string &b)
    {
      std::vector<std::size_t> row(b.size() + 1);
      for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
      for (std::size_t i = 1; i <= a.size(); ++i)
        {
          std::size_t diagonal = row[0];
          row[0]               = i;
          for (std::size_t j = 1; j <= b.size(); ++j)
            {
              const std::size_t above = row[j];
              row[j]                  = std::min({row[j] + 1,
                                                  row[j - 1] + 1,
                                                  diagonal + (a[i - 1] != b[j - 1])});
              diagonal                = above;
            }
        }
      return row[b.size()];
    }

    /**
     * What to say about an unknown @p key: the allowed keys if they are
     * few, else the nearest one (a misspelling), else how many there are.
     * The message stays one short line.
     */
    std::string
    known_keys_hint(const std::string              &key,
                    const std::vector<std::string> &allowed)
    {
      const std::string all = join(allowed);
      if (all.size() <= 80)
        return "allowed: " + all;
      std::string nearest;
      std::size_t best = 4; // at most 3 edits: a misspelling
      for (const auto &candidate : allowed)
        if (const std::size_t d = edit_distance(key, candidate); d < best)
          {
            best    = d;
            nearest = candidate;
          }
      return nearest.empty() ? "not one of the section's " +
                                 std::to_string(allowed.size()) + " keys" :
                               "did you mean '" + nearest + "'?";
    }
  } // namespace

  std::string
  trim(const std::string &text)
  {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos)
      return "";
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
  }

  std::string
  join(const std::vector<std::string> &items, const std::string &separator)
  {
    std::string result;
    for (const auto &item : items)
      result += (result.empty() ? "" : separator) + item;
    return result;
  }

  IniFile
  IniFile::read(const std::string              &path,
                const std::vector<std::string> &overrides,
                const IniSchema                &schema,
                const std::string              &schema_hint)
  {
    IniFile file;
    file.path_ = path;

    std::istringstream in(read_text_input(path));

    // Boost.PO tokenises the file ([section] headers, key = value, # comments);
    // the schema check below replaces its fixed option list, since section
    // names such as [region.tumour] are chosen by the user.
    std::vector<po::option> options;
    try
      {
        options =
          po::parse_config_file(in, po::options_description(), true).options;
      }
    catch (const po::error &e)
      {
        throw InputError(path + ": " + e.what());
      }

    for (const auto &option : options)
      {
        const auto [section, key] = split_name(option.string_key);
        const std::string value =
          option.value.empty() ? std::string() : option.value.front();
        if (section.empty())
          throw InputError(path + ": key '" + key +
                           "' appears before any [section] header");
        file.set(section, key, IniValue{value, path}, false);
      }

    for (const auto &override_text : overrides)
      {
        const auto equal          = override_text.find('=');
        const auto [section, key] = split_name(
          override_text.substr(0, std::min(equal, override_text.size())));
        if (equal == std::string::npos || section.empty() || key.empty())
          throw InputError(
            "--set '" + override_text +
            "': expected section.key=value, e.g. time.end_days=2");
        std::string value = override_text.substr(equal + 1);
        file.set(section, key, IniValue{value, "--set"}, true);
      }

    for (const auto &section : file.section_order_)
      {
        std::vector<std::string> allowed;
        if (!schema(section, allowed))
          throw InputError(file.values_[section].begin()->second.origin +
                           ": unknown section [" + section + "] (expected " +
                           schema_hint + ")");
        for (const auto &[key, value] : file.values_[section])
          if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            throw InputError(value.origin + ": [" + section +
                             "] unknown key '" + key + "' (" +
                             known_keys_hint(key, allowed) + ")");
      }
    return file;
  }

  void
  IniFile::set(const std::string &section,
               const std::string &key,
               const IniValue    &value,
               bool               allow_replace)
  {
    if (!has_section(section))
      section_order_.push_back(section);
    auto &keys = values_[section];
    if (!allow_replace && keys.count(key) != 0)
      throw InputError(value.origin + ": [" + section + "] key '" + key +
                       "' is given twice");
    keys[key] = value;
  }

  bool
  IniFile::has_section(const std::string &section) const
  {
    return values_.count(section) != 0;
  }

  const IniValue *
  IniFile::find(const std::string &section, const std::string &key) const
  {
    const auto s = values_.find(section);
    if (s == values_.end())
      return nullptr;
    const auto k = s->second.find(key);
    return k == s->second.end() ? nullptr : &k->second;
  }

  void
  IniFile::fail(const std::string &section,
                const std::string &key,
                const std::string &expectation) const
  {
    const IniValue   *value = find(section, key);
    const std::string where = value ? value->origin : path_;
    const std::string given =
      value ? " = '" + value->text + "'" : std::string(" is missing");
    throw InputError(where + ": [" + section + "] " + key + given +
                     ": expected " + expectation);
  }

  std::optional<double>
  IniFile::number(const std::string &section,
                  const std::string &key,
                  double             lower,
                  double             upper,
                  const std::string &expectation) const
  {
    const IniValue *value = find(section, key);
    if (!value)
      return std::nullopt;
    try
      {
        std::size_t  used = 0;
        const double x    = std::stod(value->text, &used);
        if (used == value->text.size() && std::isfinite(x) && x >= lower &&
            x <= upper)
          return x;
      }
    catch (const std::exception &)
      {
      }
    fail(section, key, expectation);
  }

  std::optional<long>
  IniFile::integer(const std::string &section,
                   const std::string &key,
                   long               lower,
                   long               upper) const
  {
    const IniValue *value = find(section, key);
    if (!value)
      return std::nullopt;
    try
      {
        std::size_t used = 0;
        const long  n    = std::stol(value->text, &used);
        if (used == value->text.size() && n >= lower && n <= upper)
          return n;
      }
    catch (const std::exception &)
      {
      }
    fail(section,
         key,
         "an integer from " + std::to_string(lower) + " to " +
           std::to_string(upper));
  }

  std::optional<std::string>
  IniFile::choice(const std::string              &section,
                  const std::string              &key,
                  const std::vector<std::string> &choices) const
  {
    const IniValue *value = find(section, key);
    if (!value)
      return std::nullopt;
    if (std::find(choices.begin(), choices.end(), value->text) == choices.end())
      fail(section, key, "one of: " + join(choices));
    return value->text;
  }

  std::optional<std::string>
  IniFile::text(const std::string &section, const std::string &key) const
  {
    const IniValue *value = find(section, key);
    if (!value)
      return std::nullopt;
    if (value->text.empty())
      fail(section, key, "a non-empty value");
    return value->text;
  }
} // namespace mgsim
