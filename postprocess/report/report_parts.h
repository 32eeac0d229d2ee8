// What the run, comparison and study reports share: a JSON member that
// must be there, a section, the provenance table, and the page written
// whole. (JSON files are read with run_files.h's read_json_object.)
#pragma once

#include "run_files.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace mgsim_post
{
  /** A member of @p object, or InputError naming @p file and @p key. */
  const nlohmann::json &
  json_member(const nlohmann::json &object,
              const std::string    &key,
              const std::string    &file);

  /** An empty section of the page: its anchor and heading. */
  nlohmann::json
  report_section(const std::string &id, const std::string &heading);

  /** @p directory's provenance.json (an empty object if there is none:
   * results written before mgsim recorded it). */
  nlohmann::json
  read_provenance(const std::string &directory);

  /** provenance.json as a table what | value, captioned @p caption. */
  nlohmann::json
  provenance_table(const nlohmann::json &provenance,
                   const std::string    &caption);

  /**
   * Writes the page: @p title, @p subtitle, the @p sections, and where it
   * comes from (@p directory, @p version); whole or not at all (OutputError
   * if it cannot be written).
   */
  void
  write_report_page(const std::string    &file,
                    const std::string    &title,
                    const std::string    &subtitle,
                    const std::string    &directory,
                    const std::string    &version,
                    const nlohmann::json &sections);
} // namespace mgsim_post
