#include "base/csv_file.h"

#include "base/input_error.h"

#include <deal.II/base/exceptions.h>

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
    if (!active)
      return;
    if (resume_at_bytes)
      {
        // Rows written after the checkpoint are written again.
        std::error_code code;
        std::filesystem::resize_file(path, *resume_at_bytes, code);
        AssertThrow(!code,
                    dealii::ExcMessage("cannot continue " + path + ": " +
                                       code.message()));
      }
    out.open(path, resume_at_bytes ? std::ios::app : std::ios::out);
    AssertThrow(out, dealii::ExcMessage("cannot write " + path));
    if (resume_at_bytes)
      return;
    for (std::size_t i = 0; i < columns.size(); ++i)
      out << (i ? "," : "") << columns[i];
    out << "\n" << std::flush;
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
    out << std::setprecision(std::numeric_limits<double>::max_digits10);
    for (std::size_t i = 0; i < values.size(); ++i)
      out << (i ? "," : "") << values[i];
    out << "\n" << std::flush;
  }

  std::uintmax_t
  CsvWriter::size() const
  {
    // write_row() flushes every row: the file holds all of them.
    return active ? std::filesystem::file_size(path) : 0;
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
