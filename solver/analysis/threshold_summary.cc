#include "analysis/threshold_summary.h"

#include "base/output_file.h"
#include "base/units.h"

#include <nlohmann/json.hpp>

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
    constexpr double mm3      = 1e-9;
    constexpr double infinity = std::numeric_limits<double>::infinity();

    /** JSON number in the unit of its key; null if not finite. */
    nlohmann::ordered_json
    number(const double value)
    {
      return std::isfinite(value) ? nlohmann::ordered_json(value) :
                                    nlohmann::ordered_json(nullptr);
    }

    /** Osteogenic-window volume of region r at every band sample. */
    std::vector<double>
    osteogenic_series(const ThresholdSummary &s, const unsigned int r)
    {
      std::vector<double> series;
      for (unsigned int k = 0; k < s.bands.size(); ++k)
        series.push_back(s.volume_between(
          k, r, s.thresholds.osteogenic_low, s.thresholds.osteogenic_high));
      return series;
    }

    /** A pH band edge as text ("7", "7.6"). */
    std::string
    ph_text(const double ph)
    {
      std::ostringstream text;
      text << ph;
      return text.str();
    }

    /** The largest volume of region @p r in each pH band over the run. */
    std::vector<double>
    largest_ph_band_volumes(const ThresholdSummary &s, const unsigned int r)
    {
      std::vector<double> most(s.thresholds.ph_band_edges.size() + 1, 0.0);
      for (const auto &sample : s.ph_bands)
        for (unsigned int k = 0; k < most.size(); ++k)
          most[k] = std::max(most[k], sample.volumes[r][k]);
      return most;
    }

    void
    write_json(std::ostream &out, const ThresholdSummary &s)
    {
      using Json    = nlohmann::ordered_json;
      const auto &t = s.thresholds;
      Json        json;
      json["case"]                = s.case_file;
      json["alloy"]               = s.alloy;
      json["end_time_h"]          = number(s.end_time / units::hour);
      json["steps"]               = s.steps;
      json["cells_corroded_away"] = s.cells_opened;
      json["thresholds"]          = {
                 {"anti_tumour_mM", number(t.anti_tumour / units::mM)},
                 {"normal_stress_mM", number(t.normal_stress / units::mM)},
                 {"osteogenic_window_mM",
                  {number(t.osteogenic_low / units::mM),
                   number(t.osteogenic_high / units::mM)}},
                 {"tumour_min_hours", number(t.tumour_min_duration / units::hour)}};
      const bool with_ph = !t.ph_band_edges.empty();
      if (with_ph)
        json["thresholds"]["ph_band_edges"] = t.ph_band_edges;
      json["implant"] = {
        {"mass_initial_g", number(s.implant_mass_initial * 1e3)},
        {"mass_left_g", number(s.implant_mass_left * 1e3)},
        {"mass_left_fraction",
         number(s.implant_mass_initial > 0 ?
                  s.implant_mass_left / s.implant_mass_initial :
                  0.0)}};
      json["gas"] = {{"volume_end_mm3", number(s.gas_volume_end / mm3)},
                     {"volume_peak_mm3", number(s.gas_volume_peak / mm3)}};
      Json times  = Json::array();
      for (const auto &sample : s.bands)
        times.push_back(number(sample.time / units::hour));
      json["output_times_h"] = times;
      Json regions           = Json::array();
      for (unsigned int r = 0; r < s.regions.size(); ++r)
        {
          const auto &g = s.regions[r];
          const auto  stress =
            s.largest_volume_between(r, t.normal_stress, infinity);
          Json osteogenic = Json::array();
          for (const double v : osteogenic_series(s, r))
            osteogenic.push_back(number(v / mm3));
          Json region;
          region["name"]           = g.name;
          region["tissue"]         = g.tissue;
          region["role"]           = g.role;
          region["volume_mm3"]     = number(g.volume / mm3);
          region["peak_mg_mM"]     = number(g.peak_mg / units::mM);
          region["peak_mg_time_h"] = number(g.peak_mg_time / units::hour);
          region["mean_mg_end_mM"] = number(g.mean_mg_end / units::mM);
          region["peak_h2_mM"]     = number(g.peak_h2 / units::mM);
          region["peak_h2_time_h"] = number(g.peak_h2_time / units::hour);
          region["longest_at_or_above_anti_tumour_h"] =
            number(g.longest_anti_tumour / units::hour);
          region["covered_volume_mm3"] = number(g.covered_volume / mm3);
          region["covered_fraction"] =
            number(g.volume > 0 ? g.covered_volume / g.volume : 0.0);
          region["stress_volume_ever_mm3"] = number(g.stress_volume_ever / mm3);
          region["stress_volume_max_mm3"]  = number(stress.first / mm3);
          region["stress_volume_max_time_h"] =
            number(stress.second / units::hour);
          region["max_dose_mM_h"] =
            number(g.max_dose / (units::mM * units::hour));
          region["osteogenic_volume_mm3"] = osteogenic;
          if (with_ph)
            {
              region["peak_pH"]        = number(g.peak_ph);
              region["peak_pH_time_h"] = number(g.peak_ph_time / units::hour);
              region["lowest_pH"]      = number(g.lowest_ph);
              Json longest;
              for (unsigned int k = 0; k < t.ph_band_edges.size(); ++k)
                longest[ph_text(t.ph_band_edges[k])] =
                  number(g.longest_at_or_above_ph[k] / units::hour);
              region["longest_at_or_above_pH_h"] = longest;
              Json       bands;
              const auto most = largest_ph_band_volumes(s, r);
              for (unsigned int k = 0; k < most.size(); ++k)
                bands[band_name(t.ph_band_edges, k)] = number(most[k] / mm3);
              region["pH_band_volume_max_mm3"] = bands;
            }
          regions.push_back(region);
        }
      json["regions"] = regions;
      // Full precision: scripts and the regression tests read the values
      // back; summary.md is the rounded view for people.
      out << json.dump(2) << "\n";
    }

    std::string
    fixed(const double value, const int digits = 3)
    {
      std::ostringstream s;
      s << std::setprecision(digits) << value;
      return s.str();
    }

    void
    write_markdown(std::ostream &out, const ThresholdSummary &s)
    {
      const auto  &t        = s.thresholds;
      const double h        = units::hour;
      const auto   mM_label = [](double c) { return fixed(c / units::mM); };
      out << "# mgsim run summary\n\n"
          << "Case `" << s.case_file << "`, alloy " << s.alloy << ", "
          << fixed(s.end_time / units::day) << " days (" << s.steps
          << " steps).\n\n"
          << "## Peak levels\n\n"
          << "| region | tissue | volume [mm³] | peak Mg2+ [mM] | at [h] "
             "| mean Mg2+ at the end [mM] | peak H2 [mM] | at [h] | max dose "
             "[mM·h] |\n"
          << "|---|---|---|---|---|---|---|---|---|\n";
      // Regions without cells (`degraded` before anything corroded away)
      // stay in summary.json only.
      for (const auto &g : s.regions)
        if (g.volume > 0)
          out << "| " << g.name << " | " << g.tissue << " | "
              << fixed(g.volume / mm3) << " | " << fixed(g.peak_mg / units::mM)
              << " | " << fixed(g.peak_mg_time / h) << " | "
              << fixed(g.mean_mg_end / units::mM, 5) << " | "
              << fixed(g.peak_h2 / units::mM) << " | "
              << fixed(g.peak_h2_time / h) << " | "
              << fixed(g.max_dose / (units::mM * h)) << " |\n";

      out << "\n## Anti-tumour level (>= " << mM_label(t.anti_tumour)
          << " mM)\n\n"
          << "Covered: held at or above " << mM_label(t.anti_tumour)
          << " mM for at least " << fixed(t.tumour_min_duration / h) << " h.";
      // doc/model.md §3: no tumour-specific corrosion data; say so.
      if (std::any_of(s.regions.begin(), s.regions.end(), [](const auto &g) {
            return g.role == "tumour" && g.volume > 0;
          }))
        out << " No tumour-specific corrosion rate was found in the "
               "literature: the implant corrodes at the database's rate as in "
               "other soft tissue.";
      out << "\n\n"
          << "| region | role | longest at >= " << mM_label(t.anti_tumour)
          << " mM [h] | covered [mm³] | covered fraction |\n"
          << "|---|---|---|---|---|\n";
      for (const auto &g : s.regions)
        if (g.volume > 0)
          out << "| " << g.name << " | " << g.role << " | "
              << fixed(g.longest_anti_tumour / h) << " | "
              << fixed(g.covered_volume / mm3) << " | "
              << fixed(g.covered_volume / g.volume) << " |\n";

      out << "\n## Normal-cell stress (>= " << mM_label(t.normal_stress)
          << " mM), normal and bone tissue\n\n"
          << "| region | ever reached [mm³] | largest at one time [mm³] | at "
             "[h] |\n|---|---|---|---|\n";
      for (unsigned int r = 0; r < s.regions.size(); ++r)
        {
          const auto &g = s.regions[r];
          if ((g.role != "normal" && g.role != "bone") || g.volume == 0)
            continue;
          const auto stress =
            s.largest_volume_between(r, s.thresholds.normal_stress, infinity);
          out << "| " << g.name << " | " << fixed(g.stress_volume_ever / mm3)
              << " | " << fixed(stress.first / mm3) << " | "
              << fixed(stress.second / h) << " |\n";
        }

      out << "\n## Osteogenic window (" << mM_label(t.osteogenic_low) << "–"
          << mM_label(t.osteogenic_high) << " mM), bone regions\n\n";
      bool any_bone = false;
      for (unsigned int r = 0; r < s.regions.size(); ++r)
        {
          if (s.regions[r].role != "bone")
            continue;
          any_bone = true;
          const auto most =
            s.largest_volume_between(r,
                                     s.thresholds.osteogenic_low,
                                     s.thresholds.osteogenic_high);
          out << "- " << s.regions[r].name << ": largest "
              << fixed(most.first / mm3) << " mm³ at " << fixed(most.second / h)
              << " h; "
              << fixed(s.volume_between(s.bands.size() - 1,
                                        r,
                                        s.thresholds.osteogenic_low,
                                        s.thresholds.osteogenic_high) /
                       mm3)
              << " mm³ at the end (full series in summary.json).\n";
        }
      if (!any_bone)
        out << "No bone region in this case.\n";

      if (!t.ph_band_edges.empty())
        {
          const auto &edges = t.ph_band_edges;
          out << "\n## pH (buffered chemistry)\n\n"
              << "| region | peak pH | at [h] | lowest pH |";
          for (const double e : edges)
            out << " longest at pH ≥ " << ph_text(e) << " [h] |";
          out << "\n|---|---|---|---|";
          for (std::size_t k = 0; k < edges.size(); ++k)
            out << "---|";
          out << "\n";
          for (const auto &g : s.regions)
            {
              // An empty region (`degraded` before any cell corroded).
              if (std::isnan(g.peak_ph))
                {
                  out << "| " << g.name << " | no cells |\n";
                  continue;
                }
              out << "| " << g.name << " | " << fixed(g.peak_ph) << " | "
                  << fixed(g.peak_ph_time / h) << " | " << fixed(g.lowest_ph)
                  << " |";
              for (const double longest : g.longest_at_or_above_ph)
                out << " " << fixed(longest / h) << " |";
              out << "\n";
            }
          out << "\nLargest volume in each pH band over the run in "
                 "summary.json; the volumes at every output time in "
                 "bands.csv.\n";
        }

      out << "\n## Implant and gas\n\n"
          << "- Implant metal: " << fixed(s.implant_mass_left * 1e6, 4)
          << " mg left of " << fixed(s.implant_mass_initial * 1e6, 4) << " mg ("
          << fixed(s.implant_mass_initial > 0 ?
                     100 * s.implant_mass_left / s.implant_mass_initial :
                     0.0)
          << " %); " << s.cells_opened << " cells corroded away.\n"
          << "- H2 gas: " << fixed(s.gas_volume_end / mm3)
          << " mm³ at the end, at most " << fixed(s.gas_volume_peak / mm3)
          << " mm³.\n";
    }
  } // namespace

  double
  ThresholdSummary::volume_between(const unsigned int s,
                                   const unsigned int r,
                                   const double       low,
                                   const double       high) const
  {
    // Band k covers [edges[k-1], edges[k]); band 0 starts at 0.
    const auto &edges  = thresholds.band_edges;
    double      volume = 0;
    for (unsigned int k = 0; k <= edges.size(); ++k)
      {
        const double lo = k == 0 ? 0.0 : edges[k - 1];
        const double hi = k == edges.size() ?
                            std::numeric_limits<double>::infinity() :
                            edges[k];
        if (lo >= low && hi <= high)
          volume += bands[s].volumes[r][k];
      }
    return volume;
  }

  std::pair<double, double>
  ThresholdSummary::largest_volume_between(const unsigned int r,
                                           const double       low,
                                           const double       high) const
  {
    std::pair<double, double> most = {0, 0};
    for (unsigned int k = 0; k < bands.size(); ++k)
      {
        const double v = volume_between(k, r, low, high);
        if (v > most.first)
          most = {v, bands[k].time};
      }
    return most;
  }

  std::string
  band_name(const std::vector<double> &edges, const unsigned int k)
  {
    std::ostringstream name;
    if (k == 0)
      name << "below_" << edges[0] / units::mM;
    else if (k == edges.size())
      name << "from_" << edges.back() / units::mM;
    else
      name << edges[k - 1] / units::mM << "_to_" << edges[k] / units::mM;
    return name.str();
  }

  std::vector<std::pair<std::string, double>>
  comparison_figures(const ThresholdSummary &s)
  {
    const auto                                 &t = s.thresholds;
    std::vector<std::pair<std::string, double>> figures;
    std::ostringstream                          anti;
    anti << t.anti_tumour / units::mM;
    for (unsigned int r = 0; r < s.regions.size(); ++r)
      {
        const auto &g = s.regions[r];
        figures.push_back({g.name + "_covered_fraction",
                           g.volume > 0 ? g.covered_volume / g.volume : 0.0});
        figures.push_back(
          {g.name + "_longest_at_or_above_" + anti.str() + "_mM_h",
           g.longest_anti_tumour / units::hour});
        figures.push_back(
          {g.name + "_stress_volume_ever_mm3", g.stress_volume_ever / mm3});
        figures.push_back(
          {g.name + "_at_or_above_" + anti.str() + "_mM_max_mm3",
           s.largest_volume_between(r, t.anti_tumour, infinity).first / mm3});
        figures.push_back(
          {g.name + "_osteogenic_volume_max_mm3",
           s.largest_volume_between(r, t.osteogenic_low, t.osteogenic_high)
               .first /
             mm3});
        for (unsigned int k = 0; k <= t.band_edges.size(); ++k)
          {
            double most = 0;
            for (const auto &sample : s.bands)
              most = std::max(most, sample.volumes[r][k]);
            figures.push_back(
              {g.name + "_" + band_name(t.band_edges, k) + "_mM_max_mm3",
               most / mm3});
          }
      }
    return figures;
  }

  void
  write_summary(const std::string &directory, const ThresholdSummary &summary)
  {
    for (const auto &[file, writer] : std::vector<
           std::pair<std::string,
                     void (*)(std::ostream &, const ThresholdSummary &)>>{
           {"summary.json", write_json}, {"summary.md", write_markdown}})
      write_file_replacing(directory + "/" + file,
                           [&](std::ostream &out) { writer(out, summary); });
  }
} // namespace mgsim
