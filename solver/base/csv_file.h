// Per-step statistics written as CSV by rank 0 (units in every column name),
// flushed after each row so a running or killed job can be inspected; a
// failed write is recorded (base/output_file.h) and leaves whole rows.
#pragma once

#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mgsim
{
  /**
   * @brief A column declared by the code that computes its value: the name
   * (with its unit, "implant_mass_g") and the value at time t [s]. A file is
   * a list of these, so no two lists must agree by position.
   */
  struct CsvColumn
  {
    std::string                   name;
    std::function<double(double)> value;
  };

  /** @brief A CSV file with a fixed list of columns. */
  class CsvWriter
  {
  public:
    /**
     * Opens @p path (only if @p active; other ranks pass false) and writes
     * the header. With @p resume_at_bytes, continues a file written before
     * instead: cut back to that size (the rows up to a checkpoint), no header.
     */
    CsvWriter(const std::string            &path,
              std::vector<std::string>      columns,
              bool                          active,
              std::optional<std::uintmax_t> resume_at_bytes = {});

    /**
     * As above, for columns that compute their own values: the header from
     * their names.
     */
    CsvWriter(const std::string            &path,
              std::vector<CsvColumn>        columns,
              bool                          active,
              std::optional<std::uintmax_t> resume_at_bytes = {});

    /** Writes one row; values in the order of the columns. */
    void
    write_row(const std::vector<double> &values);

    /** Writes the row of the computing columns at time @p t [s]. */
    void
    write_row(double t);

    /** Bytes of whole rows in the file, header included (0 on inactive
     * ranks). */
    std::uintmax_t
    size() const;

  private:
    /** Writes @p text (a header or a row) whole, or records a failure and
     * leaves the file as it was (base/output_file.h). */
    void
    append(const std::string &text);

    std::string              path;
    std::ofstream            out;
    std::uintmax_t           written = 0;
    std::vector<std::string> columns;
    std::vector<CsvColumn>   computed;
    bool                     active;
  };

  /** @brief A numeric CSV file: its column names in order and the columns. */
  struct CsvTable
  {
    /** Texts of the first column if it was read as text (e.g. alloys). */
    std::vector<std::string>                   labels;
    std::vector<std::string>                   names;
    std::map<std::string, std::vector<double>> columns;
  };

  /**
   * Reads a CSV file written by CsvWriter (or comparison.csv, whose first
   * column holds names: @p text_first_column). Throws InputError naming the
   * file if it cannot be read or holds a cell that is not a number. Empty
   * cells read as NaN.
   */
  CsvTable
  read_csv_table(const std::string &path, bool text_first_column = false);

  /** Columns of a CSV file written by CsvWriter, by name. */
  std::map<std::string, std::vector<double>>
  read_csv(const std::string &path);
} // namespace mgsim
