// How long each point of the tissue has held Mg2+ at or above one level
// (the anti-tumour level), kept at quadrature points inside each cell.
// Nodal times (ExposureHistory) are fine to look at but not to measure a
// volume with: across the iso-surface the time jumps from 0 to nearly the
// whole run, and interpolating it between nodes moved the "covered" surface
// by a fraction of a cell (30 % of the covered volume on the coarse wire
// mesh). Here the time is accumulated where it is integrated: at the points
// of a sub-cell rule, from the FE field, linear in time within each step.
#pragma once

#include "base/linear_algebra.h"

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/cell_data_transfer.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>

#include <memory>
#include <vector>

namespace mgsim
{
  class CoverageHistory
  {
  public:
    /**
     * Tracks the time at or above @p level [mol/m^3] on a rule of 2-point
     * Gauss rules on @p subdivisions^3 parts of each cell (the rule of
     * band_volumes(), so coverage and bands.csv sample the same points).
     */
    CoverageHistory(double level, unsigned int subdivisions = 3);

    /** No history on the cells of @p dof_handler. */
    void
    reinit(const dealii::DoFHandler<3> &dof_handler);

    /**
     * Adds a step of length @p dt in which the level went from @p before to
     * @p after (both ghosted; e.g. ExposureHistory::previous_level() and
     * the new solution) in the cells of @p regions.
     */
    void
    record(const dealii::DoFHandler<3>                   &dof_handler,
           const VectorType                              &before,
           const VectorType                              &after,
           double                                         dt,
           const std::vector<dealii::types::material_id> &regions);

    /** Registers the history for transfer before the mesh changes. */
    void
    prepare_for_coarsening_and_refinement(
      const dealii::parallel::distributed::Triangulation<3> &triangulation);

    /**
     * After the mesh changed: the history on the new cells (a refined
     * cell's points take the nearest point of the parent, a coarsened
     * cell's the nearest point of the child holding them).
     */
    void
    unpack(const dealii::DoFHandler<3> &dof_handler);

    /**
     * Attaches the history to @p triangulation for its next save() (a
     * checkpoint); call in the same order as deserialize() after load().
     */
    void
    prepare_for_serialization(
      const dealii::parallel::distributed::Triangulation<3> &triangulation);

    /** The history saved with the checkpoint @p triangulation was loaded from.
     */
    void
    deserialize(
      const dealii::parallel::distributed::Triangulation<3> &triangulation);

    /**
     * Per region of @p regions: the volume [m^3] that has held the level for
     * at least @p duration [s]. Summed over all ranks.
     */
    std::vector<double>
    covered_volumes(
      const dealii::DoFHandler<3>                   &dof_handler,
      double                                         duration,
      const std::vector<dealii::types::material_id> &regions) const;

  private:
    using CellTimes = std::vector<std::vector<float>>;

    /** The transfer of the times through refinement or a checkpoint. */
    void
    make_transfer(
      const dealii::parallel::distributed::Triangulation<3> &triangulation);

    std::vector<float>
    refine(const dealii::Triangulation<3>::cell_iterator &parent,
           const std::vector<float>                      &times,
           unsigned int                                   child) const;

    double               level;
    dealii::QIterated<3> quadrature;
    /**
     * Time [s] at each point of each active cell (by active index); empty
     * for cells that never reached the level.
     */
    CellTimes times;
    std::unique_ptr<
      dealii::parallel::distributed::CellDataTransfer<3, 3, CellTimes>>
      transfer;
  };
} // namespace mgsim
