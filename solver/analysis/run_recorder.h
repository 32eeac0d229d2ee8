// Everything a run records (doc/model.md §4), in one owner: per species the
// exposure history of every node (time at or above the band edges, dose,
// peak), the tumour coverage at quadrature points, and the files -- stats.csv
// (one row per step; each column declared by the code that computes it),
// solver.csv (linear solves and timings), bands.csv (band volumes per region
// at every output time), the ParaView files, and summary.json / summary.md at
// the end. Continued from a checkpoint, the files go on from the
// checkpoint's rows.
#pragma once

#include "analysis/coverage_history.h"
#include "analysis/exposure_history.h"
#include "analysis/output_writer.h"
#include "analysis/threshold_summary.h"
#include "base/csv_file.h"
#include "input/case_parameters.h"
#include "physics/hydrogen_gas.h"
#include "physics/implant_metal.h"
#include "physics/magnesium_hydroxide.h"
#include "physics/nodal_media.h"
#include "physics/ph_field.h"
#include "physics/species.h"

#include <deal.II/dofs/dof_handler.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mgsim
{
  /** @brief What the recorder needs to continue its files after a resume. */
  struct RecorderState
  {
    /** Band volumes at every output time so far (Mg2+, pH). */
    std::vector<BandSample> bands, ph_bands;
    /** Largest gas volume so far [m^3]. */
    double gas_volume_peak = 0;
    /** (time [h], .pvtu) of the ParaView files written so far. */
    std::vector<std::pair<double, std::string>> vtu_records;
    /** Size [bytes] of each CSV file (by name) at the checkpoint. */
    std::map<std::string, std::uintmax_t> csv_sizes;

    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int)
    {
      archive &bands &ph_bands &gas_volume_peak &vtu_records &csv_sizes;
    }
  };

  /** @brief Wall-clock seconds of the parts of one step (solver.csv). */
  struct StepTimes
  {
    unsigned int step       = 0;
    double       dt         = 0; ///< [s]
    double       open_cells = 0, refinement = 0, wall = 0;
  };

  class RunRecorder
  {
  public:
    /**
     * Records the run of @p species (one of which tracks the case's band
     * edges) on @p dof_handler, with the implant @p metal and the gas model
     * held in @p gas, the nodes' @p media and the solid Mg(OH)2 @p brucite
     * (each may be empty; they are rebuilt when the DoFs change).
     * @p region_ids: material ids of the case's regions, in case order.
     */
    RunRecorder(const CaseParameters                          &parameters,
                const dealii::DoFHandler<3>                   &dof_handler,
                const std::vector<std::unique_ptr<Species>>   &species,
                const ImplantMetal                            &metal,
                const std::unique_ptr<HydrogenGas>            &gas,
                const std::unique_ptr<NodalMedia>             &media,
                const std::unique_ptr<MagnesiumHydroxide>     &brucite,
                const std::vector<dealii::types::material_id> &region_ids,
                MPI_Comm                                       comm);

    /**
     * New exposure histories starting at time @p t from the current levels,
     * and a coverage history to be filled (coverage().reinit() or
     * deserialize()).
     */
    void
    start_histories(double t);

    /** Adds a step of length @p dt ending at @p t_new to the histories. */
    void
    add_to_histories(double t_new, double dt);

    /** After cells opened: new nodes start without history. */
    void
    restart_histories();

    /**
     * The exposure histories' vectors, species by species, to carry through
     * a mesh change or a checkpoint.
     */
    std::vector<const VectorType *>
    history_vectors() const;

    /** Continues from history_vectors() carried to the current DoFs. */
    void
    adopt_histories(const std::vector<VectorType> &vectors);

    CoverageHistory &
    coverage()
    {
      return *coverage_;
    }

    /** The exposure history of species @p s (in the species' order). */
    const ExposureHistory &
    exposure(unsigned int s) const
    {
      return *exposures.at(s);
    }

    /**
     * Opens stats.csv with the columns time_s, time_h, dofs and then
     * @p statistics, solver.csv and bands.csv, and the ParaView writer
     * (if the case writes .vtu): new files, or (@p continued) the files of
     * the run a checkpoint continues, cut back to its rows.
     */
    void
    open_files(std::vector<CsvColumn> statistics,
               const RecorderState   *continued = nullptr);

    /** A stats.csv row at time @p t [s]. Collective. */
    void
    write_statistics(double t);

    /** A solver.csv row for the step just taken. */
    void
    write_solver_row(double t, const StepTimes &times);

    /** Band volumes (bands.csv) and the ParaView fields at time @p t. */
    void
    write_output(double t);

    /** What open_files() needs to continue after a checkpoint. */
    RecorderState
    state() const;

    /**
     * The threshold summary of the run that ended at @p t after @p steps
     * steps with @p cells_opened cells corroded away, written to
     * summary.json and summary.md (rank 0). Collective.
     */
    const ThresholdSummary &
    finish(double t, unsigned int steps, unsigned int cells_opened);

    /** The pH per node (ghosted; with the chemistry on), current. */
    const VectorType &
    ph_values() const
    {
      return ph->values();
    }

    /** The summary of the last finish(). */
    const ThresholdSummary &
    summary() const
    {
      return threshold_summary;
    }

  private:
    /** The fields of one output time. */
    void
    write_fields(double t) const;
    /**
     * Recomputes ph from the alkalinity's present field: whenever the
     * alkalinity or the DoFs changed (after a step, opened cells, a mesh
     * change), so that the statistics and output find it current.
     */
    void
    update_ph();
    /** Per-region exposure figures (collective). */
    std::vector<RegionExposure>
    region_exposures() const;

    const CaseParameters                          &prm;
    const dealii::DoFHandler<3>                   &dofs;
    const std::vector<std::unique_ptr<Species>>   &species;
    const ImplantMetal                            &metal;
    const std::unique_ptr<HydrogenGas>            &gas;
    const std::unique_ptr<NodalMedia>             &media;
    const std::unique_ptr<MagnesiumHydroxide>     &brucite;
    const std::vector<dealii::types::material_id> &region_ids;
    /** The pH from the total alkalinity (with the chemistry on). */
    std::unique_ptr<PhField> ph;
    /** Time at or above each pH band edge, peak and lowest pH per node. */
    std::unique_ptr<ExposureHistory> ph_history;
    MPI_Comm                         comm;
    /** The species whose exposure is kept at the band edges (Mg2+). */
    const unsigned int band_species;

    std::vector<std::unique_ptr<ExposureHistory>> exposures;
    /** Time at or above the anti-tumour level at quadrature points. */
    std::unique_ptr<CoverageHistory> coverage_;
    /** Seconds add_to_histories() took in the last step. */
    double exposure_seconds = 0;

    std::unique_ptr<CsvWriter>    stats, solver_log, bands;
    std::unique_ptr<OutputWriter> output;
    ThresholdSummary              threshold_summary;
  };
} // namespace mgsim
