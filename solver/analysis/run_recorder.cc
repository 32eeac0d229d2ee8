#include "analysis/run_recorder.h"

#include "analysis/concentration_bands.h"
#include "analysis/nodal_fields.h"
#include "base/petsc_arrays.h"
#include "base/units.h"

#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>

#include <algorithm>
#include <cmath>
#include <list>
#include <sstream>

namespace mgsim
{
  using namespace dealii;

  RunRecorder::RunRecorder(
    const CaseParameters                          &parameters,
    const DoFHandler<3>                           &dof_handler,
    const std::vector<std::unique_ptr<Species>>   &species,
    const ImplantMetal                            &metal,
    const std::unique_ptr<HydrogenGas>            &gas,
    const std::unique_ptr<NodalMedia>             &media,
    const std::unique_ptr<MagnesiumHydroxide>     &brucite,
    const std::vector<dealii::types::material_id> &region_ids,
    MPI_Comm                                       comm)
    : prm(parameters)
    , dofs(dof_handler)
    , species(species)
    , metal(metal)
    , gas(gas)
    , media(media)
    , brucite(brucite)
    , region_ids(region_ids)
    , comm(comm)
    , band_species(band_species_index(species))
  {
    if (prm.chemistry.enabled)
      ph = std::make_unique<PhField>();
  }

  void
  RunRecorder::update_ph()
  {
    const Species *ct = find_species(species, "ct");
    ph->update(find_species(species, "ta")->transport().solution(),
               ct ? &ct->transport().solution() : nullptr,
               *media);
  }

  void
  RunRecorder::start_histories(const double t)
  {
    exposures.clear();
    for (const auto &s : species)
      {
        // Thresholds only for the band species; the others keep dose and
        // peak.
        exposures.push_back(std::make_unique<ExposureHistory>(
          s->definition().tracks_bands ? prm.thresholds.band_edges :
                                         std::vector<double>()));
        exposures.back()->reinit(s->transport().solution(), t);
      }
    if (ph)
      {
        update_ph();
        ph_history =
          std::make_unique<ExposureHistory>(prm.thresholds.ph_band_edges);
        ph_history->reinit(ph->values(), t);
      }
    coverage_ = std::make_unique<CoverageHistory>(prm.thresholds.anti_tumour);
  }

  void
  RunRecorder::add_to_histories(const double t_new, const double dt)
  {
    Timer timer;
    // The coverage step starts where the nodal history left off.
    coverage_->record(dofs,
                      exposures[band_species]->previous_level(),
                      species[band_species]->transport().solution(),
                      dt,
                      region_ids);
    for (unsigned int s = 0; s < species.size(); ++s)
      {
        const ScalarTransport &transport = species[s]->transport();
        exposures[s]->record(transport.solution(),
                             transport.background(),
                             transport.active_dofs(),
                             t_new);
      }
    if (ph)
      {
        update_ph();
        // Its "dose" is not reported: no background.
        VectorType none;
        petsc_arrays::reinit_like(none, ph->values());
        ph_history->record(ph->values(),
                           none,
                           species[band_species]->transport().active_dofs(),
                           t_new);
      }
    exposure_seconds = timer.wall_time();
  }

  void
  RunRecorder::restart_histories()
  {
    for (unsigned int s = 0; s < species.size(); ++s)
      exposures[s]->restart_from(species[s]->transport().solution());
    if (ph)
      {
        update_ph();
        ph_history->restart_from(ph->values());
      }
  }

  std::vector<const VectorType *>
  RunRecorder::history_vectors() const
  {
    std::vector<const VectorType *> vectors;
    for (const auto &exposure : exposures)
      {
        const auto state = exposure->state();
        vectors.insert(vectors.end(), state.begin(), state.end());
      }
    if (ph_history)
      {
        const auto state = ph_history->state();
        vectors.insert(vectors.end(), state.begin(), state.end());
      }
    return vectors;
  }

  void
  RunRecorder::adopt_histories(const std::vector<VectorType> &vectors)
  {
    auto next = vectors.begin();
    for (unsigned int s = 0; s < species.size(); ++s)
      {
        const auto n = exposures[s]->state().size();
        exposures[s]->adopt_mesh({next, next + n},
                                 species[s]->transport().solution());
        next += n;
      }
    if (ph)
      {
        update_ph();
        ph_history->adopt_mesh({next, vectors.end()}, ph->values());
      }
  }

  void
  RunRecorder::open_files(std::vector<CsvColumn> statistics,
                          const RecorderState   *continued)
  {
    const bool         root      = Utilities::MPI::this_mpi_process(comm) == 0;
    const std::string &directory = prm.output.directory;
    const auto         resume_at = [&](const std::string &file) {
      return continued ?
                       std::optional<std::uintmax_t>(continued->csv_sizes.at(file)) :
                       std::nullopt;
    };

    std::vector<CsvColumn> columns = {
      {"time_s", [](double t) { return t; }},
      {"time_h", [](double t) { return t / units::hour; }},
      {"dofs", [this](double) { return double(dofs.n_dofs()); }}};
    columns.insert(columns.end(), statistics.begin(), statistics.end());
    if (ph)
      {
        columns.push_back({"min_pH", [this](double) { return ph->minimum(); }});
        columns.push_back({"max_pH", [this](double) { return ph->maximum(); }});
      }
    stats = std::make_unique<CsvWriter>(directory + "/stats.csv",
                                        std::move(columns),
                                        root,
                                        resume_at("stats.csv"));

    std::vector<std::string> solver_columns = {"step", "time_h", "dt_s"};
    for (const auto &s : species)
      solver_columns.push_back("cg_iterations_" + s->definition().keys.prefix);
    for (const char *name : {"assembly_s",
                             "amg_setup_s",
                             "solve_s",
                             "open_cells_s",
                             "refinement_s",
                             "exposure_s",
                             "step_wall_s"})
      solver_columns.push_back(name);
    solver_log = std::make_unique<CsvWriter>(directory + "/solver.csv",
                                             solver_columns,
                                             root,
                                             resume_at("solver.csv"));

    // Band volumes per region at every output time (also without .vtu).
    std::vector<std::string> band_columns = {"time_h"};
    const auto              &edges        = prm.thresholds.band_edges;
    for (const auto &region : prm.regions)
      for (unsigned int b = 0; b <= edges.size(); ++b)
        {
          const std::string band =
            region.name + "_" + band_name(edges, b) + "_mM";
          band_columns.push_back(band + "_mm3");
          band_columns.push_back(band + "_fraction");
        }
    const auto &ph_edges = prm.thresholds.ph_band_edges;
    for (const auto &region : prm.regions)
      for (unsigned int b = 0; ph && b <= ph_edges.size(); ++b)
        {
          const std::string band =
            region.name + "_pH_" + band_name(ph_edges, b);
          band_columns.push_back(band + "_mm3");
          band_columns.push_back(band + "_fraction");
        }
    bands = std::make_unique<CsvWriter>(directory + "/bands.csv",
                                        band_columns,
                                        root,
                                        resume_at("bands.csv"));

    if (prm.output.write_vtu)
      output = std::make_unique<OutputWriter>(
        directory,
        comm,
        continued ? continued->vtu_records :
                    std::vector<std::pair<double, std::string>>());
    threshold_summary = ThresholdSummary();
    if (continued)
      {
        threshold_summary.bands           = continued->bands;
        threshold_summary.ph_bands        = continued->ph_bands;
        threshold_summary.gas_volume_peak = continued->gas_volume_peak;
      }
  }

  void
  RunRecorder::write_statistics(const double t)
  {
    stats->write_row(t);
    if (gas)
      threshold_summary.gas_volume_peak =
        std::max(threshold_summary.gas_volume_peak, gas->volume());
  }

  void
  RunRecorder::write_solver_row(const double t, const StepTimes &times)
  {
    std::vector<double> row = {double(times.step), t / units::hour, times.dt};
    double              assembly = 0, amg_setup = 0, solve = 0;
    for (const auto &s : species)
      {
        const SolverStatistics &last = s->transport().last_step();
        row.push_back(last.iterations);
        assembly += last.assembly_seconds;
        amg_setup += last.amg_setup_seconds;
        solve += last.solve_seconds;
      }
    row.insert(row.end(),
               {assembly,
                amg_setup,
                solve,
                times.open_cells,
                times.refinement,
                exposure_seconds,
                times.wall});
    solver_log->write_row(row);
  }

  void
  RunRecorder::write_output(const double t)
  {
    const auto volumes =
      band_volumes(dofs,
                   species[band_species]->transport().solution(),
                   prm.thresholds.band_edges,
                   region_ids);
    threshold_summary.bands.push_back({t, volumes});
    std::vector<double> row = {t / units::hour};
    const auto          add = [&row](const auto &volumes) {
      for (const auto &per_region : volumes)
        {
          double total = 0;
          for (const double v : per_region)
            total += v;
          for (const double v : per_region)
            {
              row.push_back(v / 1e-9);
              row.push_back(total > 0 ? v / total : 0.0);
            }
        }
    };
    add(volumes);
    if (ph)
      {
        const auto ph_volumes = band_volumes(dofs,
                                             ph->values(),
                                             prm.thresholds.ph_band_edges,
                                             region_ids);
        threshold_summary.ph_bands.push_back({t, ph_volumes});
        add(ph_volumes);
      }
    bands->write_row(row);
    if (output)
      write_fields(t);
  }

  RecorderState
  RunRecorder::state() const
  {
    RecorderState state;
    state.bands           = threshold_summary.bands;
    state.ph_bands        = threshold_summary.ph_bands;
    state.gas_volume_peak = threshold_summary.gas_volume_peak;
    if (output)
      state.vtu_records = output->written();
    state.csv_sizes = {{"stats.csv", stats->size()},
                       {"solver.csv", solver_log->size()},
                       {"bands.csv", bands->size()}};
    return state;
  }

  void
  RunRecorder::write_fields(const double t) const
  {
    const auto &edges = prm.thresholds.band_edges;
    // Derived fields in display units; a list keeps their addresses.
    std::list<VectorType> derived;
    const auto            add = [&](VectorType v) -> const VectorType            *{
      derived.push_back(std::move(v));
      return &derived.back();
    };
    std::vector<OutputField> fields;
    for (const auto &s : species)
      fields.push_back(
        {&s->transport().solution(), s->definition().field_name()});
    // The gas model is rebuilt when cells open: take its field afresh.
    if (gas)
      fields.push_back({&gas->field(), "H2 gas volume fraction"});
    for (unsigned int s = 0; s < species.size(); ++s)
      {
        const ExposureHistory &e     = *exposures[s];
        const std::string     &label = species[s]->definition().keys.label;
        if (!species[s]->definition().tracks_bands)
          {
            fields.push_back({&e.peak(), label + " peak [mM]"});
            continue;
          }
        fields.push_back(
          {add(band_index(species[s]->transport().solution(), edges)),
           label + " band"});
        for (unsigned int k = 0; k < edges.size(); ++k)
          {
            std::ostringstream name;
            name << "time at or above " << edges[k] / units::mM << " mM [h]";
            fields.push_back(
              {add(scaled(e.time_above(k), 1 / units::hour)), name.str()});
          }
        fields.push_back({add(scaled(e.dose(), 1 / (units::mM * units::hour))),
                          label + " dose [mM h]"});
        fields.push_back({&e.peak(), label + " peak [mM]"});
        fields.push_back({add(scaled(e.peak_time(), 1 / units::hour)),
                          label + " peak time [h]"});
      }
    if (ph)
      {
        const auto &ph_edges = prm.thresholds.ph_band_edges;
        fields.push_back({&ph->values(), "pH"});
        fields.push_back({add(band_index(ph->values(), ph_edges)), "pH band"});
        for (unsigned int k = 0; k < ph_edges.size(); ++k)
          {
            std::ostringstream name;
            name << "time at or above pH " << ph_edges[k] << " [h]";
            fields.push_back(
              {add(scaled(ph_history->time_above(k), 1 / units::hour)),
               name.str()});
          }
        fields.push_back({&ph_history->peak(), "pH peak"});
        fields.push_back({&ph_history->lowest(), "pH lowest"});
      }
    // Rebuilt when cells open, like the gas.
    if (brucite)
      fields.push_back({&brucite->field(), "Mg(OH)2 [mol/m3]"});
    std::vector<CellOutputField> cell_fields = {
      {metal.fraction_per_cell(), "metal fraction"}};
    if (prm.implant.alloy.film_half_thickness > 0)
      {
        auto film = metal.film_per_cell();
        film /= units::micrometer;
        cell_fields.push_back({film, "Mg(OH)2 film [um]"});
      }
    output->write(dofs, fields, cell_fields, t);
  }

  std::vector<RegionExposure>
  RunRecorder::region_exposures() const
  {
    const ThresholdParameters &t     = prm.thresholds;
    const auto                &edges = t.band_edges;
    const ExposureHistory     &mg    = *exposures[band_species];
    const unsigned int         anti =
      std::find(edges.begin(), edges.end(), t.anti_tumour) - edges.begin();
    const VectorType &time_anti = mg.time_above(anti);

    const auto mg_peaks =
      region_peaks(dofs, mg.peak(), mg.peak_time(), region_ids);
    // The summary's H2 peaks (where H2 is transported).
    std::vector<RegionPeak> h2_peaks(region_ids.size());
    for (unsigned int s = 0; s < species.size(); ++s)
      if (species[s]->definition().keys.prefix == "h2")
        h2_peaks = region_peaks(dofs,
                                exposures[s]->peak(),
                                exposures[s]->peak_time(),
                                region_ids);
    const auto longest = region_peaks(dofs, time_anti, time_anti, region_ids);
    const auto dose    = region_peaks(dofs, mg.dose(), mg.dose(), region_ids);
    // Peak >= the stress level, on the bands' sub-cell quadrature (the peak
    // field is continuous); coverage from the times at quadrature points.
    const auto stressed =
      band_volumes(dofs, mg.peak(), {t.normal_stress}, region_ids);
    const auto covered =
      coverage_->covered_volumes(dofs, t.tumour_min_duration, region_ids);
    const auto means =
      region_means(dofs,
                   species[band_species]->transport().solution(),
                   region_ids);

    // The pH's extremes and longest times at or above each edge.
    std::vector<RegionPeak>              ph_peaks, ph_lows;
    std::vector<std::vector<RegionPeak>> ph_longest;
    if (ph_history)
      {
        ph_peaks                 = region_peaks(dofs,
                                ph_history->peak(),
                                ph_history->peak_time(),
                                region_ids);
        const VectorType negated = scaled(ph_history->lowest(), -1);
        ph_lows = region_peaks(dofs, negated, negated, region_ids);
        for (unsigned int k = 0; k < t.ph_band_edges.size(); ++k)
          ph_longest.push_back(region_peaks(dofs,
                                            ph_history->time_above(k),
                                            ph_history->time_above(k),
                                            region_ids));
      }

    std::vector<RegionExposure> regions;
    for (unsigned int r = 0; r < region_ids.size(); ++r)
      {
        RegionExposure g;
        g.name   = prm.regions[r].name;
        g.tissue = prm.regions[r].tissue.name;
        g.role   = prm.regions[r].tissue.role;
        g.volume = stressed[r][0] + stressed[r][1];
        // An empty region (`degraded` before any cell corroded) reports 0.
        const auto finite = [](double v) { return std::isfinite(v) ? v : 0.0; };
        g.peak_mg         = finite(mg_peaks[r].value);
        g.peak_mg_time    = mg_peaks[r].companion;
        g.mean_mg_end     = means[r];
        g.peak_h2         = finite(h2_peaks[r].value);
        g.peak_h2_time    = h2_peaks[r].companion;
        g.longest_anti_tumour = finite(longest[r].value);
        g.covered_volume      = covered[r];
        g.stress_volume_ever  = stressed[r][1];
        g.max_dose            = finite(dose[r].value);
        if (ph_history)
          {
            // An empty region has no pH (NaN: null in summary.json).
            const auto or_nan = [](double v) {
              return std::isfinite(v) ? v : std::nan("");
            };
            g.peak_ph      = or_nan(ph_peaks[r].value);
            g.peak_ph_time = ph_peaks[r].companion;
            g.lowest_ph    = or_nan(-ph_lows[r].value);
            for (const auto &longest_k : ph_longest)
              g.longest_at_or_above_ph.push_back(finite(longest_k[r].value));
          }
        regions.push_back(g);
      }
    return regions;
  }

  const ThresholdSummary &
  RunRecorder::finish(const double       t,
                      const unsigned int steps,
                      const unsigned int cells_opened)
  {
    ThresholdSummary &s    = threshold_summary;
    s.case_file            = prm.case_file;
    s.alloy                = prm.implant.alloy.name;
    s.end_time             = t;
    s.steps                = steps;
    s.cells_opened         = cells_opened;
    s.thresholds           = prm.thresholds;
    s.regions              = region_exposures();
    s.implant_mass_initial = prm.implant.alloy.density * metal.initial_volume();
    s.implant_mass_left    = prm.implant.alloy.density * metal.volume();
    s.gas_volume_end       = gas ? gas->volume() : 0.0;
    if (Utilities::MPI::this_mpi_process(comm) == 0)
      write_summary(prm.output.directory, s);
    return s;
  }
} // namespace mgsim
