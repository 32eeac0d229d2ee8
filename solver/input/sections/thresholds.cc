#include "input/sections/thresholds.h"

#include "base/units.h"

#include <cmath>
#include <cstdlib>
#include <limits>
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
       "increasing finite concentrations in mM separated by spaces, e.g. 0.75 "
       "1.25 5 "
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
       "24"},
      // doc/model.md §7.4: acidic < 7.0 (osteoblast mineralisation
      // inhibited), physiological 7.2-7.6, osteogenic 7.6-8.5 (MC3T3-E1
      // proliferation up at 7.8-8.4), stress 8.5-9.0 (estimate), cytotoxic
      // > 9 (alkalinity killed U2-OS cells).
      {"ph_band_edges",
       "-",
       "pH band edges (chemistry only): acidic < 7.0, physiological 7.2-7.6, "
       "osteogenic 7.6-8.5, stress 8.5-9.0, cytotoxic > 9",
       "increasing pH values between 0 and 14 separated by spaces, e.g. 7.0 "
       "7.2 7.6 8.5 9.0",
       0,
       0,
       {},
       "7.0 7.2 7.6 8.5 9.0"}};
    return specs;
  }

  namespace
  {
    /**
     * The increasing numbers in [@p lowest, @p highest] given for @p key (at
     * least one); fails with the key's expectation otherwise.
     */
    std::vector<double>
    increasing_numbers(SectionReader     &section,
                       const std::string &key,
                       const double       lowest,
                       const double       highest)
    {
      std::string expectation;
      for (const KeySpec &spec : ThresholdParameters::keys())
        if (spec.key == key)
          expectation = spec.expectation;
      std::istringstream  words(section.text(key));
      std::vector<double> values;
      std::string         word;
      while (words >> word)
        {
          char        *end   = nullptr;
          const double value = std::strtod(word.c_str(), &end);
          if (*end != '\0' || !std::isfinite(value) ||
              !(value >= lowest && value <= highest) ||
              (!values.empty() && value <= values.back()))
            section.fail(key, expectation);
          values.push_back(value);
        }
      if (values.empty())
        section.fail(key, expectation);
      return values;
    }
  } // namespace

  ThresholdParameters
  ThresholdParameters::read(SectionReader             &thresholds,
                            const ChemistryParameters &chemistry)
  {
    ThresholdParameters t;
    t.band_edges.clear();
    for (const double edge :
         increasing_numbers(thresholds,
                            "band_edges_mM",
                            0,
                            std::numeric_limits<double>::infinity()))
      t.band_edges.push_back(edge * units::mM);
    // Read only with the chemistry, so that a case without it resolves as
    // before.
    if (chemistry.enabled)
      t.ph_band_edges = increasing_numbers(thresholds, "ph_band_edges", 0, 14);
    else
      chemistry.refuse_without_section(thresholds, {"ph_band_edges"});

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
