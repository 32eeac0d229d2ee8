// Problem: setup and the time loop. The mesh changes (cells corroding away,
// adaptation) are in problem_mesh.cc, checkpoints in problem_checkpoint.cc.
#include "simulation/problem.h"

#include "base/input_error.h"
#include "base/output_file.h"
#include "base/test_faults.h"
#include "physics/nodal_average.h"
#include "simulation/progress.h"

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>
#include <deal.II/fe/fe_q.h>

#include <algorithm>
#include <filesystem>

namespace mgsim
{
  using namespace dealii;

  namespace
  {
    /**
     * Cells that would empty within this fraction of a step's recession
     * more are emptied in that step (their last bit of metal released a
     * little early), so that cells emptying at nearly the same time share
     * one step and one switch of the DoFs instead of each forcing its own.
     */
    constexpr double empty_snap = 0.02;
  } // namespace

  Problem::Problem(const CaseParameters          &parameters,
                   MPI_Comm                       comm,
                   std::vector<SpeciesDefinition> species)
    : prm(parameters)
    , comm(comm)
    , pcout(std::cout, Utilities::MPI::this_mpi_process(comm) == 0)
    // Never repartitioned: implant cells keep their rank (their metal is
    // stored there) and cells keep the material ids set during the run
    // (p4est would rebuild moved cells from the coarse mesh's ids).
    , triangulation(
        comm,
        Triangulation<3>::none,
        parallel::distributed::Triangulation<3>::no_automatic_repartitioning)
    , dofs(triangulation)
    , rate_law(parameters.implant)
    , front(parameters.implant.alloy)
    , definitions(species.empty() ? case_species(parameters) :
                                    std::move(species))
  {
  }

  Problem::~Problem()
  {
    // These hold references into the DoFHandler: release them first.
    recorder.reset();
    species_.clear();
    gas.reset();
    brucite.reset();
    co2.reset();
    media.reset();
    metal.reset();
    dofs.clear();
  }

  types::material_id
  Problem::implant_material() const
  {
    return mesh.regions.at(prm.implant.region);
  }

  const Species &
  Problem::species(const std::string &prefix) const
  {
    const Species *s = find_species(species_, prefix);
    AssertThrow(s, ExcMessage("no species '" + prefix + "' in this run"));
    return *s;
  }

  const ExposureHistory &
  Problem::magnesium_exposure() const
  {
    for (unsigned int s = 0; s < species_.size(); ++s)
      if (species_[s]->definition().keys.prefix == "mg")
        return recorder->exposure(s);
    AssertThrow(false, ExcMessage("no Mg2+ in this run"));
    return recorder->exposure(0);
  }

  void
  Problem::setup(MeshTemplate *mesh_template)
  {
    mesh = mesh_template ? mesh_template->load(prm.mesh, triangulation) :
                           load_mesh(prm.mesh, triangulation);
    setup_regions();
    setup_dofs();
    surface = metal->exposed_area();
    if (surface.geometric == 0)
      throw InputError(prm.case_file + ": [implant] region = '" +
                       prm.implant.region +
                       "': the implant has no face in contact with tissue");
    recorder->start_histories(0);
    recorder->coverage().reinit(dofs);
  }

  void
  Problem::setup_regions()
  {
    check_mesh_against_case(mesh, prm);

    // Every configured region must hold cells (a group may exist but be
    // empty); `degraded` may start empty, with a material id of its own.
    std::map<types::material_id, double> counts;
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        counts[cell->material_id()] += 1;
    for (const auto &[name, id] : mesh.regions)
      if (Utilities::MPI::sum(counts[id], comm) == 0 && name != degraded_region)
        throw InputError(mesh.file + ": region '" + name + "' has no cells");
    if (mesh.regions.count(degraded_region) == 0)
      {
        types::material_id largest = 0;
        for (const auto &[name, id] : mesh.regions)
          largest = std::max(largest, id);
        mesh.regions[degraded_region] = largest + 1;
      }
    degraded_material = mesh.regions.at(degraded_region);
    region_ids.clear();
    for (const auto &region : prm.regions)
      region_ids.push_back(mesh.regions.at(region.name));
  }

  void
  Problem::setup_dofs()
  {
    const unsigned int degree = prm.solver.fe_degree;
    // One element everywhere: implant nodes exist but stay inactive (unit
    // rows, no mass) until their cells corrode away, so opening a cell adds
    // its terms without renumbering anything.
    fe_collection.push_back(FE_Q<3>(degree));
    cell_quadrature.push_back(QGauss<3>(degree + 1));
    face_quadrature.push_back(QGauss<2>(degree + 1));
    dofs.distribute_dofs(fe_collection);

    const PittingField pitting(prm.implant.alloy.pitting_weibull_shape,
                               prm.implant.pit_size,
                               prm.implant.pitting_seed);
    metal = std::make_unique<ImplantMetal>(dofs,
                                           implant_material(),
                                           pitting,
                                           rate_law.mg_molar_density(),
                                           face_quadrature);
    for (const SpeciesDefinition &definition : definitions)
      {
        species_.push_back(std::make_unique<Species>(
          definition, prm, mesh, dofs, cell_quadrature, face_quadrature));
        species_.back()->transport().setup_system();
      }
    setup_gas();
    setup_chemistry();
    recorder = std::make_unique<RunRecorder>(
      prm, dofs, species_, *metal, gas, media, brucite, region_ids, comm);
  }

  void
  Problem::setup_gas()
  {
    // H2 beyond its solubility forms gas (doc/model.md §2.4).
    Species *h2 = find_species(species_, "h2");
    if (!prm.gas.enabled || !h2)
      return;
    std::map<types::material_id, double> solubility;
    for (const auto &region : prm.regions)
      solubility[mesh.regions.at(region.name)] = region.tissue.h2_solubility;
    gas =
      std::make_unique<HydrogenGas>(dofs,
                                    prm.gas,
                                    nodal_average(dofs, solubility),
                                    h2->transport().content_weights_vector(),
                                    region_ids,
                                    cell_quadrature);
    h2->set_exchange(gas.get());
  }

  void
  Problem::setup_chemistry()
  {
    if (!prm.chemistry.enabled)
      return;
    std::vector<std::pair<types::material_id, Medium>> by_region;
    for (unsigned int r = 0; r < prm.regions.size(); ++r)
      by_region.emplace_back(region_ids[r], prm.regions[r].medium.value());
    if (media)
      media->reinit();
    else
      media = std::make_unique<NodalMedia>(dofs, by_region);
    // CO2 from an incubator's gas (doc/model.md §7.5): made once, it
    // follows the DoFs by itself.
    Species *ct = find_species(species_, "ct");
    if (ct && !co2)
      {
        co2 =
          std::make_unique<CarbonDioxideExchange>(prm,
                                                  mesh.boundaries,
                                                  by_region,
                                                  dofs,
                                                  face_quadrature,
                                                  species("ta").transport());
        ct->set_exchange(co2.get());
      }
    // Mg(OH)2 takes one Mg2+ and two moles of base (doc/model.md §7.3).
    using P = ChemistryParameters::Precipitation;
    if (prm.chemistry.precipitation == P::none)
      return;
    Species *mg = find_species(species_, "mg");
    Species *ta = find_species(species_, "ta");
    brucite     = std::make_unique<MagnesiumHydroxide>(
      dofs,
      mg->transport().free_content_weights(),
      ta->transport().free_content_weights(),
      prm.chemistry.precipitation == P::rate ?
            prm.chemistry.precipitation_time :
            0.0);
    mg->set_exchange(&brucite->share(1));
    ta->set_exchange(&brucite->share(2));
  }

  std::vector<CsvColumn>
  Problem::statistics_columns() const
  {
    std::vector<CsvColumn> columns =
      metal->statistics(prm.implant.alloy.density, front.active());
    for (const auto &s : species_)
      {
        const auto species_columns = s->statistics();
        columns.insert(columns.end(),
                       species_columns.begin(),
                       species_columns.end());
      }
    std::vector<std::string> regions;
    for (const auto &region : prm.regions)
      regions.push_back(region.name);
    for (auto &group : {gas_statistics(gas, regions), rate_law.statistics()})
      columns.insert(columns.end(), group.begin(), group.end());
    return columns;
  }

  double
  Problem::step_length(const Clock &clock) const
  {
    const double t  = clock.time();
    double       dt = clock.proposed_step();
    // No step empties a cell past zero: it ends when the next cell does.
    const double to_empty = metal->recession_to_next_empty();
    if (rate_law.recession(t, t + dt) >= to_empty)
      dt = rate_law.time_to_recede(t, to_empty) - t;
    return dt;
  }

  void
  Problem::release_and_transport(const double t, const double dt)
  {
    // The Mg that leaves the metal in this step, integrated exactly in
    // time: released totals equal metal lost.
    metal->recede(rate_law.recession(t, t + dt), empty_snap, released);
    for (auto &s : species_)
      s->advance(dt, prm.time.order(), released);
    // Mg(OH)2 reacts with the state the step reached, node by node; Mg2+
    // and TA give up their shares (doc/model.md §7.3).
    if (brucite)
      {
        const Species *ct = find_species(species_, "ct");
        brucite->react(species("mg").transport().solution(),
                       species("ta").transport().solution(),
                       ct ? &ct->transport().solution() : nullptr,
                       *media,
                       dt);
        for (auto &s : species_)
          s->exchange_at_nodes(dt);
        // What precipitated at the front thickens its film.
        if (front.film())
          metal->grow_films(front,
                            brucite->precipitated(),
                            species("mg").transport().solution(),
                            dt);
      }
  }

  void
  Problem::set_front_rate_factors()
  {
    if (front.active())
      metal->set_rate_factors(front, recorder->ph_values());
  }

  void
  Problem::record_statistics(const Clock &clock,
                             StepTimes    times,
                             const Timer &step)
  {
    recorder->write_statistics(clock.time());
    times.wall = step.wall_time();
    recorder->write_solver_row(clock.time(), times);
    for (const auto &s : species_)
      figures.max_balance_error =
        std::max(figures.max_balance_error,
                 s->transport().ledger().balance_error());
  }

  void
  Problem::start_recording()
  {
    if (resumed)
      {
        figures.cells_opened      = resumed->cells_opened;
        figures.max_balance_error = resumed->max_balance_error;
      }
    else if (Utilities::MPI::this_mpi_process(comm) == 0)
      // A fresh run must not leave an older run's checkpoint to resume.
      for (const char *name :
           {"checkpoint", "checkpoint.new", "checkpoint.old"})
        std::filesystem::remove_all(prm.output.directory + "/" + name);
    recorder->open_files(statistics_columns(),
                         resumed ? &resumed->recorder : nullptr);
    if (!resumed)
      {
        recorder->write_statistics(0);
        recorder->write_output(0);
      }
    raise_output_failures(comm);
    if (Utilities::MPI::this_mpi_process(comm) == 0)
      test_kill_point("setup");
  }

  const Species &
  Problem::band_species() const
  {
    return *species_[band_species_index(species_)];
  }

  RunSummary
  Problem::finish_run(const Clock &clock)
  {
    figures.steps    = clock.steps();
    figures.end_time = clock.time();
    figures.stopped  = clock.stop_requested();
    if (!figures.stopped)
      recorder->finish(clock.time(), clock.steps(), figures.cells_opened);
    raise_output_failures(comm);
    figures.wall_seconds = clock.wall_seconds();
    if (!figures.stopped)
      {
        Utilities::System::MemoryStats memory;
        Utilities::System::get_memory_stats(memory);
        figures.peak_memory_mb =
          Utilities::MPI::sum(memory.VmHWM / 1024.0, comm);
      }
    return figures;
  }

  RunSummary
  Problem::run(std::ostream &progress_out, const double stop_after_seconds)
  {
    Clock clock(prm,
                stop_after_seconds,
                resumed ? &resumed->clock : nullptr,
                comm);
    start_recording();
    const auto timed = [](const auto &work) {
      Timer timer;
      work();
      return timer.wall_time();
    };
    ProgressLine progress(progress_out,
                          prm.time.end_time,
                          Utilities::MPI::this_mpi_process(comm) == 0);
    while (clock.running())
      {
        Timer     step_timer;
        StepTimes times;
        set_front_rate_factors();
        times.dt = step_length(clock);
        guarded_step(clock, times.dt, step_start());
        recorder->add_to_histories(clock.time() + times.dt, times.dt);
        clock.advance(times.dt);
        times.step = clock.steps();
        times.open_cells =
          timed([&] { figures.cells_opened += open_emptied_cells(); });
        times.refinement = timed([&] {
          if (clock.adaptation_due())
            adapt_mesh();
        });
        record_statistics(clock, times, step_timer);
        if (Utilities::MPI::this_mpi_process(comm) == 0)
          test_kill_point("step");
        // The step length follows the band species (Mg2+).
        clock.adapt_step(
          band_species().transport().last_step().trend_deviation);
        if (clock.output_due())
          recorder->write_output(clock.time());
        clock.poll();
        if (clock.checkpoint_due())
          {
            save_checkpoint(clock);
            clock.checkpoint_written();
            ++figures.checkpoints;
          }
        // A file rank 0 could not write stops every rank here.
        raise_output_failures(comm);
        progress.update(clock.steps(), clock.time());
        if (clock.stop_requested())
          break;
      }
    progress.finish();
    return finish_run(clock);
  }
} // namespace mgsim
