// Checks shared by the tests that add a species to a run (a tracer, the
// chemistry's alkalinity): its columns, release ratio and ledger; the other
// columns unchanged by it; its steady profile around the wire.
#pragma once

#include "support/steady_wire.h"
#include "support/test_support.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace mgsim_test
{
  using CsvColumns = std::map<std::string, std::vector<double>>;

  /**
   * The species with column prefix @p prefix (label @p label) in @p stats:
   * its columns @p columns exist, it was released at @p ratio times Mg's
   * (1e-12) and its mass balance held every step (1e-8, as Mg2+'s and H2's).
   */
  inline void
  check_added_species(Checklist                      &list,
                      const CsvColumns               &stats,
                      const std::string              &prefix,
                      const std::string              &label,
                      const std::vector<std::string> &columns,
                      const double                    ratio)
  {
    const bool present =
      std::all_of(columns.begin(), columns.end(), [&](const std::string &c) {
        return stats.count(c) > 0;
      });
    list.check(present, "stats.csv has the " + label + " columns");
    if (!present)
      return;
    const double       mg    = stats.at("mg_released_mol").back();
    const double       added = stats.at(prefix + "_released_mol").back();
    std::ostringstream released, balance;
    const double       error = std::abs(added - ratio * mg) / (ratio * mg);
    released << label << " released = " << ratio
             << " x Mg released (relative error " << error << ", limit 1e-12)";
    list.check(error < 1e-12, released.str());
    const auto  &errors = stats.at(prefix + "_balance_rel_error");
    const double worst  = *std::max_element(errors.begin(), errors.end());
    balance << label << " mass balance every step: " << worst
            << " (limit 1e-8)";
    list.check(worst <= 1e-8, balance.str());
  }

  /**
   * Every column of @p without (but the error columns) equals the same
   * column of @p with, each on its own scale (as csv_check compares), to
   * 1e-12: the added species does not act on the others.
   */
  inline void
  check_others_unchanged(Checklist         &list,
                         const CsvColumns  &with,
                         const CsvColumns  &without,
                         const std::string &added)
  {
    double worst = 0;
    for (const auto &[name, values] : without)
      if (name.find("_error") == std::string::npos)
        {
          double scale = 1e-300;
          for (const double v : values)
            scale = std::max(scale, std::abs(v));
          for (std::size_t i = 0; i < values.size(); ++i)
            worst =
              std::max(worst, std::abs(with.at(name)[i] - values[i]) / scale);
        }
    std::ostringstream what;
    what << "Mg2+, H2, metal as without the " << added << ": " << worst
         << " (limit 1e-12)";
    list.check(worst <= 1e-12, what.str());
  }

  /**
   * The steady wire's surface excess within 1 % and its profile within 2 %
   * (the Bessel test's limits on the same mesh).
   */
  inline void
  check_steady_profile(Checklist                  &list,
                       const std::string          &label,
                       const SteadyWireComparison &comparison)
  {
    std::ostringstream surface, profile;
    surface << label << " surface excess " << comparison.surface_computed
            << " mM vs exact " << comparison.surface_exact
            << " mM: relative error " << comparison.surface_error
            << " (limit 0.01)";
    profile << label << " profile L2 relative error "
            << comparison.profile_error << " (limit 0.02)";
    list.check(comparison.surface_error < 0.01, surface.str());
    list.check(comparison.profile_error < 0.02, profile.str());
  }
} // namespace mgsim_test
