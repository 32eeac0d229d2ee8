// `mgsim compare`:
//  - with the default database, identical geometry and time steps, pure Mg
//    releases more Mg than NZ30K, which releases more than AZ91D (the
//    seed-004 order);
//  - with one common rate CR for all alloys (fixed geometry, constant
//    release), the implant mass falls linearly, so the reported times to
//    lose 50 % and 90 % of it must equal f V / (CR f_env A) exactly (V implant
//    volume, A release area): checked to 1e-9 relative for every alloy.
// Usage: compare_alloys CASE.cfg
#include "drivers.h"
#include "problem.h"
#include "test_support.h"
#include "units.h"

#include <deal.II/base/mpi.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

using namespace dealii;

namespace
{
  /** comparison.csv as rows of (alloy, column -> value). */
  std::vector<std::pair<std::string, std::map<std::string, double>>>
  read_comparison(const std::string &file)
  {
    std::ifstream            in(file);
    std::string              line, cell;
    std::vector<std::string> header;
    std::getline(in, line);
    std::stringstream h(line);
    while (std::getline(h, cell, ','))
      header.push_back(cell);
    std::vector<std::pair<std::string, std::map<std::string, double>>> rows;
    while (std::getline(in, line))
      {
        std::stringstream row(line);
        std::getline(row, cell, ',');
        rows.push_back({cell, {}});
        for (std::size_t i = 1; std::getline(row, cell, ','); ++i)
          rows.back().second[header[i]] = cell.empty() ? NAN : std::stod(cell);
      }
    return rows;
  }
} // namespace

int
main(int argc, char **argv)
{
  Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const MPI_Comm                   comm = MPI_COMM_WORLD;
  const bool            root = Utilities::MPI::this_mpi_process(comm) == 0;
  mgsim_test::Checklist checklist(root);
  const std::string     case_file       = argv[1];
  const std::vector<std::string> common = {"--alloys",
                                           "pure_Mg,NZ30K,AZ91D",
                                           "--set",
                                           "mesh.refinements=0",
                                           "--set",
                                           "output.vtu=false",
                                           "--set",
                                           "time.step_hours=1"};

  std::vector<std::string> args = {
    case_file, "--output", "compare_default", "--set", "time.end_days=0.5"};
  args.insert(args.end(), common.begin(), common.end());
  mgsim::compare_command(args, comm);
  if (root)
    {
      const auto rows = read_comparison("compare_default/comparison.csv");
      checklist.check(rows.size() == 3 && rows[0].first == "pure_Mg" &&
                        rows[1].first == "NZ30K" && rows[2].first == "AZ91D",
                      "one row per alloy, in the given order");
      checklist.check(rows[0].second.at("mg_released_mol") >
                          rows[1].second.at("mg_released_mol") &&
                        rows[1].second.at("mg_released_mol") >
                          rows[2].second.at("mg_released_mol"),
                      "release pure Mg > NZ30K > AZ91D");
    }

  const double rate = 200; // mm/y, for every alloy
  args              = {case_file,
                       "--output",
                       "compare_rate",
                       "--set",
                       "time.end_days=0.5",
                       "--set",
                       "implant.rate_initial_mm_per_y=200",
                       "--set",
                       "implant.rate_steady_mm_per_y=200"};
  args.insert(args.end(), common.begin(), common.end());
  mgsim::compare_command(args, comm);

  // V and A from the same mesh.
  const mgsim_test::CaseRun geometry(case_file,
                                     {"mesh.refinements=0",
                                      "time.end_days=0.01",
                                      "time.step_hours=0.24",
                                      "output.vtu=false",
                                      "output.directory=compare_geometry"});
  const double              V = geometry.problem.initial_implant_volume();
  const double              A = geometry.problem.effective_implant_area();
  const double              v =
    rate * geometry.prm.implant.environment_factor * mgsim::units::mm_per_year;
  if (root)
    for (const auto &[alloy, values] :
         read_comparison("compare_rate/comparison.csv"))
      for (const double fraction : {0.5, 0.9})
        {
          const double exact = fraction * V / (v * A) / mgsim::units::day;
          const double got =
            values.at(fraction == 0.5 ? "time_50_percent_lost_d" :
                                        "time_90_percent_lost_d");
          checklist.check(std::abs(got / exact - 1) < 1e-9,
                          alloy + ": " + std::to_string(int(fraction * 100)) +
                            " % lost after " + std::to_string(got) +
                            " d (exact " + std::to_string(exact) + ")");
        }
  return checklist.finish();
}
