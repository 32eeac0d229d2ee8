#include "statistics.h"

#include <deal.II/base/exceptions.h>

#include <iomanip>
#include <limits>
#include <sstream>

namespace mgsim
{
  CsvWriter::CsvWriter(const std::string       &path,
                       std::vector<std::string> columns_,
                       const bool               active)
    : columns(std::move(columns_))
    , active(active)
  {
    if (!active)
      return;
    out.open(path);
    AssertThrow(out, dealii::ExcMessage("cannot write " + path));
    for (std::size_t i = 0; i < columns.size(); ++i)
      out << (i ? "," : "") << columns[i];
    out << "\n" << std::flush;
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

  std::map<std::string, std::vector<double>>
  read_csv(const std::string &path)
  {
    std::ifstream in(path);
    AssertThrow(in, dealii::ExcMessage("cannot read " + path));
    std::string              line, cell;
    std::vector<std::string> names;
    std::getline(in, line);
    std::stringstream header(line);
    while (std::getline(header, cell, ','))
      names.push_back(cell);
    std::map<std::string, std::vector<double>> columns;
    while (std::getline(in, line))
      {
        std::stringstream row(line);
        for (std::size_t i = 0;
             i < names.size() && std::getline(row, cell, ',');
             ++i)
          columns[names[i]].push_back(std::stod(cell));
      }
    return columns;
  }
} // namespace mgsim
