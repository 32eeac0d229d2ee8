// Acid-base equilibrium of the media database (doc/model.md §7):
//  - the pH after adding 2, 10 or 40 mM base to each medium (open: CO2 held;
//    closed: carbon conserved) matches an independent PHREEQC computation
//    (37 C, I = 0.15 M, Davies; the values below, rounded to 0.01) to 0.02
//    pH, the bound (measured: within 0.007);
//  - the open-limit closed form pH = pH0 + log10(1 + dTA / [HCO3-]0): exact
//    for a bicarbonate-only medium (no carbonate, OH-, phosphate or protein
//    terms, which the form neglects) up to its [H+] term, 4e-5 mM against
//    >= 24 mM of HCO3- (< 1e-6 pH), and within 1e-3 for the
//    interstitial fluid's carbonate system up to 2 mM of base, where
//    CO3 2- is < 0.2 % of HCO3-;
//  - the inversion is exact: pH(TA(pH)) = pH to 1e-10 from pH 5 to 13.5 for
//    every medium, open and closed;
//  - brucite's saturation pH at 0.8, 10, 20 and 40 mM Mg2+ is 9.83, 9.28,
//    9.13, 8.98 (to 0.005: the values are rounded to 0.01).
// Usage: acid_base MEDIA.cfg
#include "physics/acid_base.h"

#include "input/medium_database.h"
#include "support/test_support.h"

#include <cmath>
#include <iomanip>
#include <sstream>

using namespace mgsim;

namespace
{
  /** pH after adding @p base [mM] of strong base to @p medium. */
  double
  ph_after_base(const Medium &medium, const double base, const bool open)
  {
    const AcidBase chemistry(medium);
    const double   alkalinity = chemistry.reference_alkalinity() + base;
    return open ? chemistry.ph_open(alkalinity) :
                  chemistry.ph_closed(alkalinity, chemistry.reference_carbon());
  }

  std::string
  describe(const std::string &what, const double value, const double expected)
  {
    std::ostringstream s;
    s << std::fixed << std::setprecision(4) << what << ": " << value
      << " (expected " << expected << ")";
    return s.str();
  }
} // namespace

int
main(int argc, char **argv)
{
  mgsim_test::Environment env(argc, argv);
  auto                   &checks   = env.checklist;
  const auto              database = MaterialDatabase::read(argv[1],
                                               medium_property_specs(),
                                               medium_text_keys());
  const auto              medium   = [&](const std::string &name) {
    return make_medium(database.get(name, "test"), argv[1]);
  };

  // The table: medium, open?, base added [mM], pH.
  struct Row
  {
    std::string medium;
    bool        open;
    double      base, ph;
  };
  const std::vector<Row> table = {{"interstitial_fluid", true, 2, 7.43},
                                  {"interstitial_fluid", true, 10, 7.54},
                                  {"interstitial_fluid", true, 40, 7.81},
                                  {"interstitial_fluid", false, 2, 7.74},
                                  {"interstitial_fluid", false, 10, 9.07},
                                  {"dmem_incubator", true, 10, 7.84},
                                  {"dmem_sealed", false, 10, 9.18},
                                  {"hbss", false, 2, 9.55},
                                  {"saline", false, 2, 10.80}};
  for (const Row &row : table)
    {
      const double ph = ph_after_base(medium(row.medium), row.base, row.open);
      std::ostringstream what;
      what << row.medium << (row.open ? " open" : " closed") << " + "
           << row.base << " mM base";
      checks.check(std::abs(ph - row.ph) <= 0.02,
                   describe(what.str(), ph, row.ph));
    }

  // The open-limit closed form.
  Medium bicarbonate_only                = medium("interstitial_fluid");
  bicarbonate_only.phosphate             = 0;
  bicarbonate_only.nonbicarbonate_buffer = 0;
  bicarbonate_only.pk2                   = 40; // no carbonate
  bicarbonate_only.pk_water              = 40; // no OH-
  Medium carbonate                       = medium("interstitial_fluid");
  carbonate.phosphate                    = 0;
  carbonate.nonbicarbonate_buffer        = 0;
  for (const double base : {0.5, 2., 10., 40., 100.})
    {
      const double closed_form =
        bicarbonate_only.reference_ph +
        std::log10(1 + base / bicarbonate_only.bicarbonate);
      const double       exact = ph_after_base(bicarbonate_only, base, true);
      std::ostringstream amount;
      amount << " + " << base << " mM base: closed form";
      checks.check(std::abs(exact - closed_form) <= 1e-6,
                   describe("bicarbonate only" + amount.str(),
                            exact,
                            closed_form));
      if (base <= 2)
        {
          const double ph = ph_after_base(carbonate, base, true);
          checks.check(std::abs(ph - closed_form) <= 1e-3,
                       describe("ISF carbonate" + amount.str(),
                                ph,
                                closed_form));
        }
    }

  // The inversion.
  double worst = 0;
  for (const MaterialEntry &entry : database.entries())
    {
      const AcidBase chemistry(make_medium(entry, argv[1]));
      for (double ph = AcidBase::lowest_ph + 0.01; ph < AcidBase::highest_ph;
           ph += 0.0497)
        {
          const double carbon = chemistry.reference_carbon();
          worst               = std::max(
            {worst,
                           std::abs(chemistry.ph_open(chemistry.alkalinity_open(ph)) - ph),
                           std::abs(chemistry.ph_closed(
                        chemistry.alkalinity_closed(ph, carbon), carbon) -
                      ph)});
        }
    }
  std::ostringstream inversion;
  inversion << "pH(TA(pH)) = pH for every medium, open and closed: worst "
            << worst;
  checks.check(worst <= 1e-10, inversion.str());

  // Brucite saturation.
  const AcidBase isf(medium("interstitial_fluid"));
  for (const auto &[magnesium, ph] : std::vector<std::pair<double, double>>{
         {0.8, 9.83}, {10, 9.28}, {20, 9.13}, {40, 8.98}})
    {
      // Saturation pH: where the saturation level equals the Mg2+ level.
      double low = 5, high = 13.5;
      for (int i = 0; i < 100; ++i)
        {
          const double mid = 0.5 * (low + high);
          (isf.brucite_saturation(mid) > magnesium ? low : high) = mid;
        }
      std::ostringstream what;
      what << "brucite saturation pH at " << magnesium << " mM Mg2+";
      checks.check(std::abs(low - ph) <= 0.005, describe(what.str(), low, ph));
    }
  return checks.finish();
}
