// The corrosion front's chemistry (doc/model.md §7.6), on the extract vial in
// sealed DMEM:
//   - The factors: f_pH = 1 at pH 7.4, 10^(-s dpH) between, clipped to
//     [0.3, 3]; f_film(L0) = 1/2; the film's backward-Euler step keeps
//     L >= 0 and reaches the steady L* = V_m q / k_dis (1e-12).
//   - The first step starts at rest, the pH at the front the medium's pH0
//     everywhere, so it releases the base run's first step times
//     10^(-s (pH0 - 7.4)) (s = 0.2), the clip 0.3 (s = 2), or f_medium = 2
//     (1e-5: metal is not linear in the recession), and front_rate_factor
//     reports the factor (1e-12).
//   - A fast disc (2 mm/y) precipitates Mg(OH)2 at its front within hours:
//     the film (L0 = 1 um, k_dis = 0) is 0 before the first precipitate,
//     never thins, holds at most what precipitated (film volume <=
//     V_m x precipitated Mg), and slows the release below the film-free
//     run's; the Mg ledger closes to 1e-10 throughout.
// Usage: front_chemistry EXTRACT_VIAL.cfg
#include "physics/front_chemistry.h"

#include "base/csv_file.h"
#include "support/test_support.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <tuple>

using mgsim_test::text;

namespace
{
  /**
   * A sealed-DMEM vial run for @p days in steps of @p step_hours, with
   * @p extra.
   */
  std::map<std::string, std::vector<double>>
  run(const std::string              &case_file,
      const std::string              &name,
      const std::string              &rate_mm_per_y,
      const std::string              &days,
      const std::vector<std::string> &extra,
      const std::string              &step_hours = "1")
  {
    std::vector<std::string> o = {"chemistry.enabled=true",
                                  "region.medium.medium=dmem_sealed",
                                  "boundary.top.type=no_flux",
                                  "implant.rate_initial_mm_per_y=" +
                                    rate_mm_per_y,
                                  "implant.rate_steady_mm_per_y=" +
                                    rate_mm_per_y,
                                  "time.end_days=" + days,
                                  "time.step_hours=" + step_hours,
                                  "output.vtu=false",
                                  "solver.linear_tolerance=1e-12",
                                  "output.directory=front_chemistry_" + name};
    o.insert(o.end(), extra.begin(), extra.end());
    const mgsim_test::CaseRun r(case_file, o);
    return mgsim::read_csv(r.prm.output.directory + "/stats.csv");
  }
} // namespace

int
main(int argc, char **argv)
{
  mgsim_test::Environment test(argc, argv);
  auto                   &list = test.checklist;

  {
    mgsim::Alloy alloy;
    alloy.ph_rate_slope       = 0.2;
    alloy.film_half_thickness = 1e-6;
    alloy.film_dissolution    = 1e-4;
    const mgsim::FrontChemistry f(alloy);
    const double                V_m      = mgsim::FrontChemistry::molar_volume;
    double                      L        = 0;
    bool                        positive = true;
    for (int n = 0; n < 5000; ++n)
      {
        L        = f.grown_film(L, 1e-3, 100);
        positive = positive && L >= 0;
      }
    // Steady: L = (L + V_m q) / (1 + k dt) => L* = V_m q / (k dt).
    const double steady = V_m * 1e-3 / (1e-4 * 100);
    list.check(std::abs(f.rate_factor(0, 7.4) - 1) <= 1e-15 &&
                 std::abs(f.rate_factor(0, 7.9) - std::pow(10, -0.1)) <=
                   1e-15 &&
                 std::abs(f.rate_factor(1e-6, 7.4) - 0.5) <= 1e-15,
               "f_pH(7.4) = 1, f_pH(7.9) = 10^-0.1, f_film(L0) = 1/2");
    alloy.ph_rate_slope       = 2;
    alloy.film_half_thickness = 0;
    const mgsim::FrontChemistry steep(alloy);
    list.check(steep.rate_factor(0, 9) == 0.3 && steep.rate_factor(0, 5) == 3 &&
                 !mgsim::FrontChemistry(mgsim::Alloy()).active(),
               "f_pH clipped to [0.3, 3]; all factors off by default");
    list.check(positive && std::abs(L / steady - 1) <= 1e-12,
               "film step stays >= 0 and reaches V_m q / k_dis: " +
                 text(L / steady - 1));
  }

  // The first step starts from the medium at rest: its pH is pH0 at every
  // node, so every cell's factor is the same, and the step releases the
  // base run's first step times it. Not exactly: a cell's metal is not
  // linear in the recession d (a corner cell loses d/l_x + d/l_z -
  // d^2/(l_x l_z), the curved side's area shrinks by d/R), so runs that
  // recede at different speeds differ at order d/l. Steps of 36 s recede
  // d = 0.15 nm on cells of ~0.1 mm: 1.5e-6; tolerance 1e-5.
  {
    const auto base =
      run(argv[1], "start", "0.13", "8.3333333333333e-4", {}, "0.01");
    const double ph0 = base.at("max_pH").front();
    list.check(std::abs(base.at("min_pH").front() - ph0) <= 1e-12,
               "the medium starts at pH0 = " + text(ph0) + " everywhere");
    const std::vector<std::tuple<std::string, std::string, double>> cases = {
      {"implant.ph_rate_slope=0.2", "slope", std::pow(10, -0.2 * (ph0 - 7.4))},
      {"implant.ph_rate_slope=2", "clipped", 0.3},
      {"implant.medium_rate_factor=2", "medium", 2.0}};
    for (const auto &[setting, name, factor] : cases)
      {
        const auto   s = run(argv[1],
                           "start_" + name,
                           "0.13",
                           "8.3333333333333e-4",
                           {setting},
                           "0.01");
        const double ratio =
          s.at("mg_released_mol")[1] / base.at("mg_released_mol")[1];
        const bool reported =
          name == "medium" ||
          std::abs(s.at("front_rate_factor")[1] - factor) <= 1e-12;
        list.check(std::abs(ratio / factor - 1) <= 1e-5 && reported,
                   setting + ": first step releases x " + text(ratio) +
                     " (expected " + text(factor) + ")");
      }
  }

  // A film grown by what precipitates at the front.
  {
    const auto bare = run(argv[1], "bare", "2", "1", {});
    const auto film =
      run(argv[1], "film", "2", "1", {"implant.film_half_thickness_um=1"});
    const auto &L      = film.at("front_film_um");
    const auto &prec   = film.at("mg_precipitated_mol");
    bool        before = true, growing = true, bounded = true;
    double      worst = 0;
    // The film covers the disc's exposed faces: the film-free run's front
    // area at t = 0 (-dV/ds of a full cell is its exposed faces' area).
    const double area = bare.at("front_area_mm2").front() * 1e-6;
    for (std::size_t i = 0; i < L.size(); ++i)
      {
        before  = before && (prec[i] > 0 || L[i] == 0);
        growing = growing && (i == 0 || L[i] >= L[i - 1]);
        bounded = bounded &&
                  L[i] * 1e-6 * area <=
                    mgsim::FrontChemistry::molar_volume * prec[i] * (1 + 1e-9);
        worst = std::max(worst, film.at("mass_balance_rel_error")[i]);
      }
    list.check(before && growing && bounded && L.back() > 0,
               "film: 0 before precipitation, never thins, <= V_m x "
               "precipitated; " +
                 text(L.back()) + " um at 24 h");
    list.check(film.at("mg_released_mol").back() <
                   bare.at("mg_released_mol").back() &&
                 film.at("front_rate_factor").back() < 1,
               "the film slows the release: " +
                 text(film.at("mg_released_mol").back() /
                      bare.at("mg_released_mol").back()) +
                 " of the film-free run's, front factor " +
                 text(film.at("front_rate_factor").back()));
    list.check(worst <= 1e-10, "Mg ledger closes: " + text(worst));
  }
  return list.finish();
}
