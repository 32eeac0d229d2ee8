#include "commands/alloy_comparison.h"

#include "base/csv_file.h"
#include "base/output_file.h"
#include "base/units.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <limits>
#include <sstream>

namespace mgsim
{
  namespace
  {
    /** First time [h] at which @p mass drops to @p level, interpolated. */
    double
    crossing_hours(const std::vector<double> &time_h,
                   const std::vector<double> &mass,
                   double                     level)
    {
      for (std::size_t i = 1; i < mass.size(); ++i)
        if (mass[i] <= level && mass[i - 1] > level)
          return time_h[i - 1] + (time_h[i] - time_h[i - 1]) *
                                   (mass[i - 1] - level) /
                                   (mass[i - 1] - mass[i]);
      return std::numeric_limits<double>::quiet_NaN();
    }

    double
    largest(const std::vector<double> &v)
    {
      return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
    }

    std::string
    days_text(double days)
    {
      if (std::isnan(days))
        return "not reached";
      std::ostringstream s;
      s << std::setprecision(3) << days;
      return s.str();
    }
  } // namespace

  AlloyOutcome
  summarize_run(const std::string      &alloy,
                const std::string      &stats_csv,
                const ThresholdSummary &exposure)
  {
    auto         columns = read_csv(stats_csv);
    const auto  &mass    = columns.at("implant_mass_g");
    const auto  &time_h  = columns.at("time_h");
    AlloyOutcome outcome;
    outcome.alloy             = alloy;
    outcome.released_mol      = columns.at("mg_released_mol").back();
    outcome.mass_lost_percent = 100 * (1 - mass.back() / mass.front());
    outcome.time_50_percent_days =
      crossing_hours(time_h, mass, 0.5 * mass.front()) / 24;
    outcome.time_90_percent_days =
      crossing_hours(time_h, mass, 0.1 * mass.front()) / 24;
    outcome.peak_mg_mM          = largest(columns.at("max_c_mM"));
    outcome.peak_h2_mM          = largest(columns.at("max_h2_mM"));
    outcome.peak_gas_volume_mm3 = largest(columns.at("h2_gas_volume_mm3"));
    outcome.exposure            = exposure;
    return outcome;
  }

  void
  write_comparison(const std::string               &directory,
                   const std::string               &case_file,
                   const std::vector<AlloyOutcome> &outcomes)
  {
    std::ostringstream csv;
    csv << "alloy,mg_released_mol,mass_lost_percent,time_50_percent_lost_d,"
           "time_90_percent_lost_d,peak_mg_mM,peak_h2_mM,peak_gas_volume_mm3";
    // The runs share the case, hence the regions and bands.
    for (const auto &[name, value] :
         comparison_figures(outcomes.front().exposure))
      csv << "," << name;
    csv << "\n" << std::setprecision(std::numeric_limits<double>::max_digits10);
    // Empty field where a mass-loss time was not reached within the run.
    const auto days = [](double d) {
      std::ostringstream t;
      t << std::setprecision(std::numeric_limits<double>::max_digits10);
      if (!std::isnan(d))
        t << d;
      return t.str();
    };
    for (const auto &o : outcomes)
      {
        csv << o.alloy << "," << o.released_mol << "," << o.mass_lost_percent
            << "," << days(o.time_50_percent_days) << ","
            << days(o.time_90_percent_days) << "," << o.peak_mg_mM << ","
            << o.peak_h2_mM << "," << o.peak_gas_volume_mm3;
        for (const auto &[name, value] : comparison_figures(o.exposure))
          csv << "," << value;
        csv << "\n";
      }

    std::ostringstream md;
    md << "# Alloy comparison: " << case_file << "\n\n"
       << "| alloy | Mg released [mol] | mass lost [%] | 50 % lost [d] | "
          "90 % lost [d] | peak Mg2+ [mM] | peak H2 [mM] | peak gas [mm^3] |\n"
       << "|---|---|---|---|---|---|---|---|\n"
       << std::setprecision(4);
    for (const auto &o : outcomes)
      md << "| " << o.alloy << " | " << o.released_mol << " | "
         << o.mass_lost_percent << " | " << days_text(o.time_50_percent_days)
         << " | " << days_text(o.time_90_percent_days) << " | " << o.peak_mg_mM
         << " | " << o.peak_h2_mM << " | " << o.peak_gas_volume_mm3 << " |\n";
    const ThresholdParameters &t = outcomes.front().exposure.thresholds;
    md << "\n## Mg2+ bands by region\n\n"
       << "Largest volume over the run at or above "
       << t.anti_tumour / units::mM
       << " mM (anti-tumour) and in the osteogenic window "
       << t.osteogenic_low / units::mM << "-" << t.osteogenic_high / units::mM
       << " mM; covered = held >= " << t.anti_tumour / units::mM
       << " mM for >= " << t.tumour_min_duration / units::hour
       << " h; stress = ever >= " << t.normal_stress / units::mM << " mM.\n\n"
       << "| alloy | region | role | >= " << t.anti_tumour / units::mM
       << " mM [mm^3] | covered fraction | osteogenic [mm^3] | stress "
          "[mm^3] |\n|---|---|---|---|---|---|---|\n";
    for (const auto &o : outcomes)
      for (unsigned int r = 0; r < o.exposure.regions.size(); ++r)
        {
          const auto  &g = o.exposure.regions[r];
          const double anti =
            o.exposure
              .largest_volume_between(r,
                                      t.anti_tumour,
                                      std::numeric_limits<double>::infinity())
              .first;
          const double osteogenic =
            o.exposure
              .largest_volume_between(r, t.osteogenic_low, t.osteogenic_high)
              .first;
          md << "| " << o.alloy << " | " << g.name << " | " << g.role << " | "
             << anti / 1e-9 << " | "
             << (g.volume > 0 ? g.covered_volume / g.volume : 0.0) << " | "
             << osteogenic / 1e-9 << " | " << g.stress_volume_ever / 1e-9
             << " |\n";
        }
    md
      << "\nSame mesh, tissues, boundaries and time steps for every alloy; each "
         "alloy's run is in its own subdirectory. Mass lost is the metal "
         "gone from the implant cells; times are interpolated between steps "
         "(\"not reached\" if the run ends first).\n";
    for (const auto &[file, text] :
         {std::make_pair("comparison.csv", csv.str()),
          std::make_pair("comparison.md", md.str())})
      write_file_replacing(directory + "/" + file,
                           [&](std::ostream &out) { out << text; });
  }
} // namespace mgsim
