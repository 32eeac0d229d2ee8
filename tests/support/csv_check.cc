// Small checker for the CSV files mgsim writes (no deal.II needed).
//   csv_check max FILE COLUMN LIMIT
//       every |value| in COLUMN is <= LIMIT (and there are data rows);
//   csv_check compare A B RELTOL
//       same header and rows; each value agrees to RELTOL relative to the
//       largest magnitude in its column (a normwise comparison: tiny early
//       values such as the first step's boundary outflow are compared on the
//       column's scale). A species' ledger columns (NAME_..._mol, e.g.
//       mg_released_mol, mg_boundary_mol) are parts of one balance and share
//       its scale, the largest of them: a boundary outflow that is 1e-8 of the
//       release (far field not yet reached) is the difference of two numbers
//       of the release's size and moves by ~1e-8 of itself when the linear
//       solver's round-off changes (measured: an identically configured AMG
//       set up in another order, same iteration counts, moved it by 2.4e-9).
//       Columns ending in "_error" measure solver residuals and are skipped:
//       they differ legitimately at round-off level.
//   csv_check converged COARSE FINE COLUMNS RELTOL
//       the sum of COLUMNS (comma-separated) in the last row is positive in
//       both files and agrees to RELTOL relative to FINE's (a mesh-
//       convergence check that cannot pass on an all-zero quantity).
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace
{
  struct Table
  {
    std::vector<std::string>         header;
    std::vector<std::vector<double>> rows;
  };

  bool
  ends_with(const std::string &name, const std::string &tail)
  {
    return name.size() >= tail.size() &&
           name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
  }

  /** Whether @p a and @p b are ledger columns (..._mol) of one species (the
   * same prefix before the first '_'). */
  bool
  same_ledger(const std::string &a, const std::string &b)
  {
    return ends_with(a, "_mol") && ends_with(b, "_mol") &&
           a.substr(0, a.find('_')) == b.substr(0, b.find('_'));
  }

  std::vector<std::string>
  split(const std::string &line)
  {
    std::vector<std::string> cells;
    std::stringstream        s(line);
    std::string              cell;
    while (std::getline(s, cell, ','))
      cells.push_back(cell);
    return cells;
  }

  Table
  read(const std::string &path)
  {
    std::ifstream in(path);
    if (!in)
      throw std::runtime_error("cannot read " + path);
    Table       t;
    std::string line;
    std::getline(in, line);
    t.header = split(line);
    while (std::getline(in, line))
      {
        std::vector<double> row;
        for (const auto &cell : split(line))
          row.push_back(std::stod(cell));
        if (row.size() != t.header.size())
          throw std::runtime_error(path + ": ragged row");
        t.rows.push_back(row);
      }
    if (t.rows.empty())
      throw std::runtime_error(path + ": no data rows");
    return t;
  }
} // namespace

int
main(int argc, char **argv)
{
  try
    {
      const std::string mode = argc > 1 ? argv[1] : "";
      if (mode == "max" && argc == 5)
        {
          const Table  t     = read(argv[2]);
          const double limit = std::stod(argv[4]);
          for (std::size_t c = 0; c < t.header.size(); ++c)
            if (t.header[c] == argv[3])
              {
                double largest = 0;
                for (const auto &row : t.rows)
                  largest = std::max(largest, std::abs(row[c]));
                std::cout << argv[3] << ": largest |value| " << largest
                          << " over " << t.rows.size() << " rows (limit "
                          << limit << ")\n";
                return largest <= limit ? 0 : 1;
              }
          throw std::runtime_error(std::string("no column ") + argv[3]);
        }
      if (mode == "converged" && argc == 6)
        {
          const auto last_sum = [&](const std::string &path) {
            const Table t   = read(path);
            double      sum = 0;
            for (const auto &name : split(argv[4]))
              {
                const auto c =
                  std::find(t.header.begin(), t.header.end(), name);
                if (c == t.header.end())
                  throw std::runtime_error(path + ": no column " + name);
                sum += t.rows.back()[c - t.header.begin()];
              }
            return sum;
          };
          const double coarse = last_sum(argv[2]), fine = last_sum(argv[3]);
          const double tol        = std::stod(argv[5]);
          const double difference = std::abs(coarse - fine) / std::abs(fine);
          std::cout << "coarse " << coarse << ", fine " << fine
                    << ": relative difference " << difference << " (limit "
                    << tol << ")\n";
          return coarse > 0 && fine > 0 && difference <= tol ? 0 : 1;
        }
      if (mode == "compare" && argc == 5)
        {
          const Table  a = read(argv[2]), b = read(argv[3]);
          const double tol = std::stod(argv[4]);
          if (a.header != b.header || a.rows.size() != b.rows.size())
            throw std::runtime_error("different columns or row counts");
          double      worst = 0;
          std::string worst_column;
          for (std::size_t c = 0; c < a.header.size(); ++c)
            {
              const std::string &name = a.header[c];
              if (ends_with(name, "_error"))
                continue;
              double scale = 0;
              for (std::size_t k = 0; k < a.header.size(); ++k)
                if (k == c || same_ledger(name, a.header[k]))
                  for (std::size_t r = 0; r < a.rows.size(); ++r)
                    scale = std::max(
                      {scale, std::abs(a.rows[r][k]), std::abs(b.rows[r][k])});
              for (std::size_t r = 0; r < a.rows.size() && scale > 0; ++r)
                {
                  const double d =
                    std::abs(a.rows[r][c] - b.rows[r][c]) / scale;
                  if (d > worst)
                    {
                      worst        = d;
                      worst_column = name;
                    }
                }
            }
          std::cout << "largest relative difference " << worst << " (column "
                    << (worst_column.empty() ? "-" : worst_column) << ", limit "
                    << tol << ") over " << a.rows.size() << " rows\n";
          return worst <= tol ? 0 : 1;
        }
      std::cerr
        << "usage: csv_check max FILE COLUMN LIMIT | compare A B RELTOL | "
           "converged COARSE FINE COLUMNS RELTOL\n";
      return 2;
    }
  catch (const std::exception &e)
    {
      std::cerr << "csv_check: " << e.what() << "\n";
      return 1;
    }
}
