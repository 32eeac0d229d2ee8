// A material database: named entries (alloys or tissues) in an INI file, each
// numeric property given with its unit in the key and its literature source in
// "<key>_source". The same property keys may be overridden per case, so the
// specification list is shared between databases and case files.
#pragma once

#include "input/ini_file.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mgsim
{
  /** @brief A numeric value with its provenance. */
  struct SourcedValue
  {
    double      value = 0;
    std::string source;
  };

  /** @brief A numeric material property: key (with unit), meaning, valid range.
   */
  struct PropertySpec
  {
    std::string key;
    std::string unit;
    std::string description;
    double      lower;
    double      upper;
    /**
     * The value of an entry that does not give the key, with its source
     * (properties added after databases were written, that are off by
     * default); none: every entry must give it.
     */
    std::optional<SourcedValue> fallback = std::nullopt;

    /** "a number in [lower, upper] (unit)" for error messages. */
    std::string
    expectation() const;
  };

  /** @brief One entry (one alloy, one tissue) of a database. */
  struct MaterialEntry
  {
    std::string                         name;
    std::map<std::string, std::string>  texts;
    std::map<std::string, SourcedValue> values;
  };

  /** @brief All entries of one database file. */
  class MaterialDatabase
  {
  public:
    /**
     * Reads @p path; every entry must give every property of @p specs with a
     * "<key>_source" string and every key of @p text_keys.
     */
    static MaterialDatabase
    read(const std::string               &path,
         const std::vector<PropertySpec> &specs,
         const std::vector<std::string>  &text_keys);

    /** The entry called @p name; InputError naming @p context if unknown. */
    const MaterialEntry &
    get(const std::string &name, const std::string &context) const;

    const std::vector<MaterialEntry> &
    entries() const
    {
      return entries_;
    }

    const std::string &
    path() const
    {
      return path_;
    }

  private:
    std::string                path_;
    std::vector<MaterialEntry> entries_;
  };

  /** Database file @p file_name in the data directory (MGSIM_DATA_DIR). */
  std::string
  default_database_path(const std::string &file_name);

  /** Prints a database as a table with units and sources (for `mgsim alloys`).
   */
  void
  print_database(std::ostream                    &out,
                 const MaterialDatabase          &database,
                 const std::vector<PropertySpec> &specs,
                 const std::vector<std::string>  &text_keys);
} // namespace mgsim
