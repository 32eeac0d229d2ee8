// How a case file's section is declared and read. Each section's keys are
// declared once, in a list of KeySpec next to the struct they fill (unit,
// range, default, what the key means, what a valid value looks like); the
// list is the schema that rejects unknown keys, and SectionReader reads each
// key by its declaration, recording the value used, its unit and where it
// came from (case file, --set, default, database) for `mgsim check` and
// case.resolved.cfg.
#pragma once

#include "input/ini_file.h"
#include "input/material_database.h"

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace mgsim
{
  /** @brief One resolved parameter, for `mgsim check` and case.resolved.cfg. */
  struct ResolvedParameter
  {
    std::string section;
    std::string key;
    /** The value as it is used, in the key's unit. */
    std::string value;
    std::string unit;
    /** Where the value came from: case file, --set, default, database + source.
     */
    std::string source;
  };

  /** @brief The declaration of one key of a case-file section. */
  struct KeySpec
  {
    std::string key;
    /** Unit of the value as written ("-": none). */
    std::string unit;
    /** What the key sets (documentation). */
    std::string meaning;
    /** What a valid value looks like; completes "expected ...". */
    std::string expectation;
    /** Allowed range of a number or integer. */
    double lower = -std::numeric_limits<double>::infinity();
    double upper = std::numeric_limits<double>::infinity();
    /** Allowed values of a choice. */
    std::vector<std::string> choices = {};
    /**
     * Default (as the value would be written); none: the key is required,
     * or its default is computed from other values by the reader's caller.
     */
    std::optional<std::string> fallback = std::nullopt;
  };

  /**
   * Declarations of database properties that a section may override (an
   * alloy's in [implant], a tissue's in [region.NAME]): their units and
   * ranges are the database's.
   */
  std::vector<KeySpec>
  overridable(const std::vector<PropertySpec> &properties);

  /** The keys of @p specs. */
  std::vector<std::string>
  keys_of(const std::vector<KeySpec> &specs);

  /** Shortest decimal text that reads back as exactly @p x. */
  std::string
  format_number(double x);

  /**
   * @brief Reads one section of a case file by the declarations of its keys,
   * recording every value it resolves.
   */
  class SectionReader
  {
  public:
    SectionReader(const IniFile                  &file,
                  std::string                     section,
                  const std::vector<KeySpec>     &specs,
                  std::vector<ResolvedParameter> &resolved);

    /**
     * The number given for @p key, else @p computed_default, else the
     * declared default; InputError if none.
     */
    double
    number(const std::string    &key,
           std::optional<double> computed_default = std::nullopt);

    /** An integer, as number(). */
    long
    integer(const std::string &key);

    /**
     * One of the declared choices, else @p computed_default, else the
     * declared default.
     */
    std::string
    choice(const std::string         &key,
           std::optional<std::string> computed_default = std::nullopt);

    /** A text, else @p computed_default, else the declared default. */
    std::string
    text(const std::string         &key,
         std::optional<std::string> computed_default = std::nullopt);

    /**
     * A file name, relative to the directory of @p case_file unless
     * absolute, recorded and returned absolute (so that case.resolved.cfg
     * works from the output directory).
     */
    std::string
    path(const std::string         &key,
         const std::string         &case_file,
         std::optional<std::string> computed_default = std::nullopt);

    /** A flag declared with the choices true / false. */
    bool
    flag(const std::string &key)
    {
      return choice(key) == "true";
    }

    /**
     * A database entry with this section's overrides of its properties
     * @p specs applied; each property is recorded with its source.
     */
    MaterialEntry
    overridden(MaterialEntry                    entry,
               const std::vector<PropertySpec> &specs,
               const std::string               &database_label);

    /** Whether the case file (or --set) gives @p key. */
    bool
    given(const std::string &key) const;

    /** Throws the one-line InputError for @p key of this section. */
    [[noreturn]] void
    fail(const std::string &key, const std::string &expectation) const;

    const std::string &
    name() const
    {
      return section;
    }

  private:
    const KeySpec &
    spec(const std::string &key) const;
    std::string
    origin(const std::string &key) const;
    void
    record(const std::string &key,
           const std::string &value,
           const std::string &unit);

    const IniFile                  &file;
    const std::string               section;
    const std::vector<KeySpec>     &specs;
    std::vector<ResolvedParameter> &resolved;
  };
} // namespace mgsim
