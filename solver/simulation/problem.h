// The simulation of one case (step-26 style): owns the mesh, the DoFs, the
// implant metal and the two transported species (Mg2+, dissolved H2), and
// runs the time loop
//   metal recedes -> its Mg (and H2) enters the tissue -> advance Mg2+ and
//   H2 -> emptied implant cells become tissue -> statistics -> output.
// Implant nodes stay inactive while their cells hold metal; when a cell's
// metal is gone it joins the `degraded` region and its nodes join the tissue.
#pragma once

#include "case_parameters.h"
#include "checkpoint.h"
#include "coverage_history.h"
#include "exposure_history.h"
#include "hydrogen_gas.h"
#include "implant_metal.h"
#include "mesh_loader.h"
#include "output_writer.h"
#include "rate_law.h"
#include "run_summary.h"
#include "scalar_transport.h"

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
  /** @brief Figures of a finished run. */
  struct RunSummary
  {
    unsigned int steps = 0;
    /** Implant cells whose metal was used up. */
    unsigned int cells_opened      = 0;
    double       max_balance_error = 0;
    double       wall_seconds      = 0;
    /** Peak resident memory summed over all ranks [MB]. */
    double peak_memory_mb = 0;
    /** Stopped before the end (wall-clock limit) after a checkpoint. */
    bool   stopped  = false;
    double end_time = 0; ///< where the run stopped or ended [s]
  };

  class Problem
  {
  public:
    Problem(const CaseParameters &parameters, MPI_Comm comm);
    ~Problem();

    /**
     * Loads the mesh, checks it against the case and sets up DoFs and
     * operators. Throws InputError for problems a user can fix.
     */
    void
    setup();

    /**
     * Instead of setup(): continues the run saved in checkpoint @p directory
     * (any number of ranks). Throws InputError if it was written for a
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
    const ScalarTransport &
    magnesium() const
    {
      return *mg;
    }
    const ScalarTransport &
    hydrogen() const
    {
      return *h2;
    }
    /** Time above thresholds, dose and peak of Mg2+ at every node. */
    const ExposureHistory &
    magnesium_exposure() const
    {
      return *mg_exposure;
    }
    /** The exposure summary of the last run() (summary.json). */
    const ThresholdSummary &
    exposure_summary() const
    {
      return threshold_summary;
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
    /** The mesh's region ids, checked, with `degraded` given an id. */
    void
    setup_regions();
    void
    setup_dofs();
    /**
     * Empty exposure histories starting at time @p t from the current
     * levels, and the coverage history (to be filled: reinit or deserialize).
     */
    void
    setup_histories(double t);
    /**
     * Writes a checkpoint of the run between two steps: @p state holds the
     * loop's scalars; the fields and the metal are added here. Collective.
     */
    void
    save_checkpoint(RunState state) const;
    /** Mg2+ and H2 transports on the current DoFs. */
    void
    setup_transports();
    /** The gas model on the current DoFs (if enabled). */
    void
    setup_gas();
    /**
     * Turns implant cells without metal into `degraded` tissue: switches
     * their element, renumbers the DoFs and carries the fields over without
     * creating or losing mass. Collective; returns the number of cells.
     */
    unsigned int
    open_emptied_cells();
    /**
     * Refines where the Kelly indicator of Mg2+ is large and along the
     * corrosion front, coarsens where it is small, and carries Mg2+, H2 and
     * gas over with their amounts conserved ([adaptivity]).
     */
    void
    adapt_mesh();
    void
    exchange_materials_with_ghosts();
    /** Adaptive step after a step of @p step with error indicator @p deviation.
     */
    double
    next_step(double step, double deviation, unsigned int order) const;
    std::vector<std::string>
    statistics_columns() const;
    std::vector<double>
    statistics_row(double t) const;
    /** The nodal and cell fields of one output time. */
    void
    write_fields(OutputWriter &output, double t) const;
    /** Per-region exposure figures at the end of a run (collective). */
    std::vector<RegionExposure>
    region_exposures() const;

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

    std::unique_ptr<ImplantMetal> metal;
    /** Initial implant surface. */
    SurfaceAreas surface;
    /** Material id of the `degraded` region. */
    dealii::types::material_id       degraded_material = 0;
    std::unique_ptr<ScalarTransport> mg, h2;
    std::unique_ptr<HydrogenGas>     gas;
    ThresholdSummary                 threshold_summary;
    /** Mg2+ history at the band edges; H2 only dose and peak. */
    std::unique_ptr<ExposureHistory> mg_exposure, h2_exposure;
    /** Time at or above the anti-tumour level at quadrature points. */
    std::unique_ptr<CoverageHistory> coverage;
    /** Material ids of the tissue regions, in case order. */
    std::vector<dealii::types::material_id> region_ids;
    /** Where run() continues from after resume(). */
    std::optional<RunState> resumed;
  };
} // namespace mgsim
