#include "base/csv_file.h"

#include "base/input_error.h"
#include "base/output_file.h"

#include <deal.II/base/exceptions.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <limits>
#include <sstream>

namespace mgsim
{
  CsvWriter::CsvWriter(const std::string                  &path,
                       std::vector<std::string>            columns_,
                       const bool                          active,
                       const std::optional<std::uintmax_t> resume_at_bytes)
    : path(path)
    , columns(std::move(columns_))
    , active(active)
  {
    if (!active || output_failed())
      return;
    if (resume_at_bytes)
      {
        // Rows written after the checkpoint are written again.
        std::error_code code;
        std::filesystem::resize_file(path, *resume_at_bytes, code);
        if (code)
          {
            record_output_failure(path, code.message());
            return;
          }
        written = *resume_at_bytes;
      }
    out.open(path, resume_at_bytes ? std::ios::app : std::ios::out);
    if (resume_at_bytes)
      {
        check_written(out, path);
        return;
      }
    std::ostringstream header;
    for (std::size_t i = 0; i < columns.size(); ++i)
      header << (i ? "," : "") << columns[i];
    header << "\n";
    append(header.str());
  }

  namespace
  {
    std::vector<std::string>
    names_of(const std::vector<CsvColumn> &columns)
    {
      std::vector<std::string> names;
      for (const auto &column : columns)
        names.push_back(column.name);
      return names;
    }
  } // namespace

  CsvWriter::CsvWriter(const std::string                  &path,
                       std::vector<CsvColumn>              columns,
                       const bool                          active,
                       const std::optional<std::uintmax_t> resume_at_bytes)
    : CsvWriter(path, names_of(columns), active, resume_at_bytes)
  {
    computed = std::move(columns);
  }

  void
  CsvWriter::write_row(const double t)
  {
    // Every rank evaluates: values may be sums over all ranks.
    std::vector<double> values;
    for (const auto &column : computed)
      values.push_back(column.value(t));
    write_row(values);
  }

  void
  CsvWriter::write_row(const std::vector<double> &values)
  {
    AssertThrow(values.size() == columns.size(),
                dealii::ExcDimensionMismatch(values.size(), columns.size()));
    if (!active)
      return;
    // Full precision: runs are compared value by value (1 vs 2 ranks).
    std::ostringstream row;
    row << std::setprecision(std::numeric_limits<double>::max_digits10);
    for (std::size_t i = 0; i < values.size(); ++i)
      row << (i ? "," : "") << values[i];
    row << "\n";
    append(row.str());
  }

  void
  CsvWriter::append(const std::string &text)
  {
    // After a failure nothing more is written: the file keeps its rows.
    if (output_failed() || !out.is_open())
      return;
    errno = 0;
    out << text;
    if (check_written(out, path))
      {
        written += text.size();
        return;
      }
    // A row cut by a full disk is taken back: the file holds whole rows
    // (and stays continuable from a checkpoint).
    out.close();
    std::error_code code;
    std::filesystem::resize_file(path, written, code);
  }

  std::uintmax_t
  CsvWriter::size() const
  {
    return written;
  }

  CsvTable
  read_csv_table(const std::string &path, const bool text_first_column)
  {
    std::ifstream in(path);
    if (!in)
      throw InputError(path + ": cannot be read");
    CsvTable    table;
    std::string line, cell;
    std::getline(in, line);
    std::stringstream header(line);
    while (std::getline(header, cell, ','))
      table.names.push_back(cell);
    for (unsigned int number = 2; std::getline(in, line); ++number)
      {
        std::stringstream row(line);
        for (std::size_t i = 0;
             i < table.names.size() && std::getline(row, cell, ',');
             ++i)
          {
            if (i == 0 && text_first_column)
              {
                table.labels.push_back(cell);
                continue;
              }
            if (cell.empty())
              {
                table.columns[table.names[i]].push_back(
                  std::numeric_limits<double>::quiet_NaN());
                continue;
              }
            char        *end   = nullptr;
            const double value = std::strtod(cell.c_str(), &end);
            if (end == cell.c_str() || *end != '\0')
              throw InputError(path + ": line " + std::to_string(number) +
                               ", column " + table.names[i] +
                               ": expected a number, found '" + cell + "'");
            table.columns[table.names[i]].push_back(value);
          }
      }
    return table;
  }

  std::map<std::string, std::vector<double>>
  read_csv(const std::string &path)
  {
    return read_csv_table(path).columns;
  }
} // namespace mgsim
