// The report page: report.html.mustache (compiled in) filled with a JSON
// description of the page, so that the HTML lives in one template and the
// C++ only says what is shown. The description: title, subtitle, version,
// generated, directory, and sections, each with id and heading and any of
// answers (sentences whose numbers carry the summary.json key they show),
// paragraphs, figures (embedded images), tables and texts (preformatted).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace mgsim_post
{
  /** The page described by @p page (HTML, escaped where text). */
  std::string
  render_report_page(const nlohmann::json &page);

  /** @brief Building blocks of a page description. */
  namespace block
  {
    /** A table cell: its text, "num" cells right-aligned; @p key the JSON
     * pointer (in summary.json) of the number shown, if any. */
    nlohmann::json
    cell(const std::string &text,
         const std::string &cell_class = "",
         const std::string &key        = "");

    /** A right-aligned cell showing @p value (format_number). */
    nlohmann::json
    number_cell(double value, const std::string &key = "");

    /** A table: caption, header and rows of cells. */
    nlohmann::json
    table(const std::string                 &caption,
          const std::vector<std::string>    &header,
          const std::vector<nlohmann::json> &rows,
          const std::string                 &id = "");

    /** A figure: the image @p file embedded as a data: URI. */
    nlohmann::json
    figure(const std::string &file,
           const std::string &alt,
           const std::string &caption);

    /** A part of a sentence; with @p key a number (JSON pointer). */
    nlohmann::json
    part(const std::string &text, const std::string &key = "");

    /** A paragraph; a note is set in italics. */
    nlohmann::json
    paragraph(const std::string &text, bool note = false);
  } // namespace block

  /**
   * @p value with three significant digits, without exponent between 1e-3
   * and 1e6 ("1.1", "336", "0.0283"), else as 1.2e-13; 0 as "0".
   */
  std::string
  format_number(double value, int digits = 3);
} // namespace mgsim_post
