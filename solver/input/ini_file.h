// INI-style key files (case files and material databases), read with
// Boost.Program_options' config-file parser. Sections may be dynamic
// ([region.tumour], [boundary.outer]); a schema says which sections and keys
// exist, so a typo is an error that names the file, section and key instead of
// a silently ignored line.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mgsim
{
  /** @brief One value as written by the user, and where it was written. */
  struct IniValue
  {
    std::string text;
    /** The file it was read from, or "--set" for a command-line override. */
    std::string origin;
  };

  /**
   * @brief Describes which sections and keys a file may contain.
   *
   * Called with a section name; returns false if the section is unknown,
   * otherwise fills @p allowed_keys.
   */
  using IniSchema = std::function<bool(const std::string        &section,
                                       std::vector<std::string> &allowed_keys)>;

  /**
   * @brief Parsed contents of an INI file plus "section.key=value" overrides.
   *
   * All typed getters throw InputError with a one-line message naming the
   * origin, the section and the key when the value is malformed.
   */
  class IniFile
  {
  public:
    /**
     * Reads @p path, applies @p overrides ("section.key=value", these win over
     * the file) and checks every section and key against @p schema.
     */
    static IniFile
    read(const std::string              &path,
         const std::vector<std::string> &overrides,
         const IniSchema                &schema,
         const std::string              &schema_hint);

    const std::string &
    path() const
    {
      return path_;
    }

    /** Sections in the order they first appear (file first, then --set). */
    const std::vector<std::string> &
    sections() const
    {
      return section_order_;
    }

    bool
    has_section(const std::string &section) const;

    /** The raw value, or nullptr if the key is not given. */
    const IniValue *
    find(const std::string &section, const std::string &key) const;

    /** A number in [lower, upper]; @p expectation completes "expected ...". */
    std::optional<double>
    number(const std::string &section,
           const std::string &key,
           double             lower,
           double             upper,
           const std::string &expectation) const;

    /** An integer in [lower, upper]. */
    std::optional<long>
    integer(const std::string &section,
            const std::string &key,
            long               lower,
            long               upper) const;

    /** One of @p choices. */
    std::optional<std::string>
    choice(const std::string              &section,
           const std::string              &key,
           const std::vector<std::string> &choices) const;

    /** Any non-empty text. */
    std::optional<std::string>
    text(const std::string &section, const std::string &key) const;

    /** Throws InputError "origin: [section] key = 'value': expected ...". */
    [[noreturn]] void
    fail(const std::string &section,
         const std::string &key,
         const std::string &expectation) const;

  private:
    void
    set(const std::string &section,
        const std::string &key,
        const IniValue    &value,
        bool               allow_replace);

    std::string                                            path_;
    std::vector<std::string>                               section_order_;
    std::map<std::string, std::map<std::string, IniValue>> values_;
  };

  /** @p text without leading and trailing blanks (spaces, tabs, CR). */
  std::string
  trim(const std::string &text);

  /** Joins a list for messages: "a, b, c". */
  std::string
  join(const std::vector<std::string> &items,
       const std::string              &separator = ", ");
} // namespace mgsim
