// The simulation of one case (step-26 style): owns the mesh, the DoFs, the
// implant metal, the transported species (Mg2+ and dissolved H2, or any
// list of species) and the run's recorder, and runs the time loop
//   metal recedes and releases -> species advance -> histories recorded ->
//   emptied implant cells become tissue -> mesh adapted -> statistics,
//   output, checkpoint.
// Implant nodes stay inactive while their cells hold metal; when a cell's
// metal is gone it joins the `degraded` region and its nodes join the tissue.
#pragma once

#include "analysis/exposure_history.h"
#include "analysis/run_recorder.h"
#include "analysis/threshold_summary.h"
#include "input/case_parameters.h"
#include "input/mesh_loader.h"
#include "physics/carbon_dioxide_exchange.h"
#include "physics/hydrogen_gas.h"
#include "physics/implant_metal.h"
#include "physics/magnesium_hydroxide.h"
#include "physics/nodal_media.h"
#include "physics/rate_law.h"
#include "physics/species.h"
#include "simulation/checkpoint.h"
#include "simulation/clock.h"
#include "simulation/run_summary.h"

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/timer.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/hp/fe_collection.h>
#include <deal.II/hp/q_collection.h>

#include <limits>
#include <memory>
#include <optional>
#include <ostream>

namespace mgsim
{
  class Problem
  {
  public:
    /**
     * A run of @p parameters transporting @p species (by default the case's:
     * case_species(); the case must have been read for their keys).
     */
    Problem(const CaseParameters          &parameters,
            MPI_Comm                       comm,
            std::vector<SpeciesDefinition> species = {});
    ~Problem();

    /**
     * Loads the mesh (copies it from @p mesh_template, if given, which
     * loads it once for several runs), checks it against the case and sets
     * up DoFs and operators. Throws InputError for problems a user can fix.
     */
    void
    setup(MeshTemplate *mesh_template = nullptr);

    /**
     * Instead of setup(): continues the run saved in checkpoint @p directory
     * (any number of ranks), a complete one as checkpoint::find_latest()
     * returns it. Throws InputError if it was written for a
     * different case. Returns the state it continues from.
     */
    const RunState &
    resume(const std::string &directory);

    /**
     * Prints mesh size, regions (volumes) and boundaries (areas) on rank 0.
     * Collective: call it on every rank.
     */
    void
    print_mesh_summary(std::ostream &out) const;

    /**
     * Runs the time loop, writing into the case's output directory (which
     * must exist). @p progress_out receives the progress line (rank 0).
     * After @p stop_after_seconds of wall-clock time it writes a checkpoint
     * and stops (RunSummary::stopped; no summary.json), so that a batch job
     * ends cleanly before its time limit and the next one resumes.
     */
    RunSummary
    run(std::ostream &progress_out,
        double stop_after_seconds = std::numeric_limits<double>::infinity());

    const dealii::DoFHandler<3> &
    dof_handler() const
    {
      return dofs;
    }
    /** The species with key prefix @p prefix ("mg"); throws if absent. */
    const Species &
    species(const std::string &prefix) const;
    const ScalarTransport &
    magnesium() const
    {
      return species("mg").transport();
    }
    const ScalarTransport &
    hydrogen() const
    {
      return species("h2").transport();
    }
    /** Time above thresholds, dose and peak of Mg2+ at every node. */
    const ExposureHistory &
    magnesium_exposure() const;
    /** The exposure summary of the last run() (summary.json). */
    const ThresholdSummary &
    exposure_summary() const
    {
      return recorder->summary();
    }
    /** Solid Mg(OH)2, or nullptr without chemistry or precipitation. */
    const MagnesiumHydroxide *
    magnesium_hydroxide() const
    {
      return brucite.get();
    }
    /** The H2 gas model, or nullptr if [gas] model = none. */
    const HydrogenGas *
    hydrogen_gas() const
    {
      return gas.get();
    }
    const MeshInfo &
    mesh_info() const
    {
      return mesh;
    }
    /** Initial implant volume [m^3]. */
    double
    initial_implant_volume() const
    {
      return metal->initial_volume();
    }
    const ImplantMetal &
    implant_metal() const
    {
      return *metal;
    }
    /** Initial implant surface weighted by the pitting factor [m^2]. */
    double
    effective_implant_area() const
    {
      return surface.effective;
    }
    dealii::types::material_id
    implant_material() const;

  private:
    // --- setup ---
    /** The mesh's region ids, checked, with `degraded` given an id. */
    void
    setup_regions();
    /** DoFs, the metal, the species' operators, the gas and the recorder. */
    void
    setup_dofs();
    /** The gas model on the current DoFs (if enabled), handed to H2. */
    void
    setup_gas();
    /**
     * With the chemistry on: each node's medium, and Mg(OH)2 on the current
     * DoFs (if it precipitates), handed to Mg2+ and TA. The solid starts
     * empty: callers that carry it over set it afterwards.
     */
    void
    setup_chemistry();

    // --- the time loop ---
    /**
     * Opens the recorder's files: new ones with the state at t = 0, or
     * those of the resumed run.
     */
    void
    start_recording();
    /** The species whose exposure is kept at the band edges (Mg2+). */
    const Species &
    band_species() const;
    /** The figures of the run; the summary files if it reached its end. */
    RunSummary
    finish_run(const Clock &clock);
    /**
     * The length of the next step: the clock's, cut where the next implant
     * cell empties (no step empties a cell past zero).
     */
    double
    step_length(const Clock &clock) const;
    /**
     * The metal recedes over [t, t + dt] and the Mg (and with it each
     * species' share) it releases, integrated exactly in time, enters the
     * tissue while every species advances.
     */
    void
    release_and_transport(double t, double dt);
    /**
     * The front chemistry's rate factor of every exposed cell from the
     * present pH and films, for the next step.
     */
    void
    set_front_rate_factors();
    /**
     * Turns implant cells without metal into `degraded` tissue: switches
     * their element, renumbers the DoFs and carries the fields over without
     * creating or losing mass. Collective; returns the number of cells.
     */
    unsigned int
    open_emptied_cells();
    /**
     * Refines where the Kelly indicator of Mg2+ is large and along the
     * corrosion front, coarsens where it is small, and carries the species,
     * their histories and the gas over with their amounts conserved
     * ([adaptivity]).
     */
    void
    adapt_mesh();
    /**
     * stats.csv and solver.csv rows of the step just taken (@p step: its
     * timer), and the largest mass-balance error.
     */
    void
    record_statistics(const Clock         &clock,
                      StepTimes            times,
                      const dealii::Timer &step);
    /**
     * Writes a checkpoint of the run between two steps. Collective.
     */
    void
    save_checkpoint(const Clock &clock) const;

    // --- run guards (problem_guard.cc) ---
    /** @brief What a step changes before it is checked: enough to undo it
     * (the metal, the species with their histories, the phases). */
    struct StepStart
    {
      std::vector<std::vector<double>>     cells;
      std::vector<std::vector<VectorType>> transports;
      std::vector<TransportScalars>        scalars;
      std::vector<double>                  released;
      std::vector<VectorType>              phases;
      double gas_moles = 0, solid_moles = 0, co2_moles = 0;
    };
    /** The state before the next step. */
    StepStart
    step_start() const;
    /**
     * Releases and transports over [t, t + dt] as release_and_transport()
     * does, then checks the result: a species or phase not finite, a level
     * below -[solver] max_undershoot of its species' largest, a balance
     * error above [solver] max_balance_error, a solve that did not converge.
     * If one fails, returns to @p start, writes a checkpoint of it and
     * throws RunFailure (every rank). Collective.
     */
    void
    guarded_step(const Clock &clock, double dt, const StepStart &start);
    /** What is wrong with the state a step reached ("" if nothing). */
    std::string
    check_step() const;

    // --- helpers ---
    void
    exchange_materials_with_ghosts();
    /** The stats.csv columns after time and DoFs, in file order. */
    std::vector<CsvColumn>
    statistics_columns() const;

    const CaseParameters                           &prm;
    MPI_Comm                                        comm;
    dealii::ConditionalOStream                      pcout;
    dealii::parallel::distributed::Triangulation<3> triangulation;
    MeshInfo                                        mesh;
    dealii::hp::FECollection<3>                     fe_collection;
    dealii::hp::QCollection<3>                      cell_quadrature;
    dealii::hp::QCollection<2>                      face_quadrature;
    dealii::DoFHandler<3>                           dofs;
    CorrosionRateLaw                                rate_law;
    /** The front's film and pH factors (doc/model.md §7.6). */
    const FrontChemistry front;

    std::unique_ptr<ImplantMetal> metal;
    /** Initial implant surface. */
    SurfaceAreas surface;
    /** Material id of the `degraded` region. */
    dealii::types::material_id degraded_material = 0;
    /** What the species are; species holds them on the mesh. */
    const std::vector<SpeciesDefinition>  definitions;
    std::vector<std::unique_ptr<Species>> species_;
    std::unique_ptr<HydrogenGas>          gas;
    /** The medium of each node (with the chemistry on). */
    std::unique_ptr<NodalMedia> media;
    /** Solid Mg(OH)2 (with the chemistry on and precipitation). */
    std::unique_ptr<MagnesiumHydroxide> brucite;
    /** CO2 exchanged at gas_exchange surfaces (when CT is transported). */
    std::unique_ptr<CarbonDioxideExchange> co2;
    std::unique_ptr<RunRecorder>           recorder;
    /** Material ids of the tissue regions, in case order. */
    std::vector<dealii::types::material_id> region_ids;
    /** The release of the last step [mol of Mg per DoF]. */
    VectorType released;
    /** Figures of the run so far (steps and time are the clock's). */
    RunSummary figures;
    /** Where run() continues from after resume(). */
    std::optional<RunState> resumed;
  };
} // namespace mgsim
