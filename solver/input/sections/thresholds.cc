#include "input/sections/thresholds.h"

#include "base/units.h"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace mgsim
{
  const std::vector<KeySpec> &
  ThresholdParameters::keys()
  {
    static const std::vector<KeySpec> specs = {
      {"band_edges_mM",
       "-",
       "Mg2+ band edges: normal 0.75-1.25, osteogenic 5-10, anti-tumour >= 20, "
       "stress >= 30 (seeds 000, 001, 004)",
       "increasing concentrations in mM separated by spaces, e.g. 0.75 1.25 5 "
       "10 20 30",
       0,
       0,
       {},
       "0.75 1.25 5 10 20 30"},
      {"anti_tumour_mM",
       "mM",
       "level that inhibits tumour cells (seed 000)",
       "a concentration in mM (a band edge)",
       0,
       1e6,
       {},
       "20"},
      {"normal_stress_mM",
       "mM",
       "level that stresses normal cells (seed 000)",
       "a concentration in mM (a band edge)",
       0,
       1e6,
       {},
       "30"},
      {"osteogenic_window_mM",
       "-",
       "window that promotes osteogenic differentiation (seed 004)",
       "two band edges in mM, e.g. 5 10",
       0,
       0,
       {},
       "5 10"},
      {"tumour_min_hours",
       "h",
       "time at or above the anti-tumour level for a tumour point to count as "
       "covered",
       "a number of hours >= 0",
       0,
       1e6,
       {},
       "24"}};
    return specs;
  }

  ThresholdParameters
  ThresholdParameters::read(SectionReader &thresholds)
  {
    ThresholdParameters t;
    const std::string   expectation = keys()[0].expectation;
    std::istringstream  edges(thresholds.text("band_edges_mM"));
    t.band_edges.clear();
    std::string word;
    while (edges >> word)
      {
        char        *end   = nullptr;
        const double value = std::strtod(word.c_str(), &end);
        if (*end != '\0' || !(value >= 0) ||
            (!t.band_edges.empty() && value <= t.band_edges.back()))
          thresholds.fail("band_edges_mM", expectation);
        t.band_edges.push_back(value * units::mM);
      }
    if (t.band_edges.empty())
      thresholds.fail("band_edges_mM", expectation);

    const auto edge = [&](const std::string &key, double value) {
      value *= units::mM;
      for (const double e : t.band_edges)
        if (std::abs(e - value) <= 1e-12 * e)
          return e;
      thresholds.fail(key, "one of the band_edges_mM");
    };
    t.anti_tumour = edge("anti_tumour_mM", thresholds.number("anti_tumour_mM"));
    t.normal_stress =
      edge("normal_stress_mM", thresholds.number("normal_stress_mM"));
    std::istringstream window(thresholds.text("osteogenic_window_mM"));
    double             low = -1, high = -1;
    std::string        rest;
    if (!(window >> low >> high) || (window >> rest) || !(low < high))
      thresholds.fail("osteogenic_window_mM",
                      "two increasing band edges in mM, e.g. 5 10");
    t.osteogenic_low      = edge("osteogenic_window_mM", low);
    t.osteogenic_high     = edge("osteogenic_window_mM", high);
    t.tumour_min_duration = thresholds.number("tumour_min_hours") * units::hour;
    return t;
  }
} // namespace mgsim
