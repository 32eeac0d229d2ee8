// Concentration bands (doc/model.md §4): the volume of each region in which
// Mg2+ lies between consecutive band edges (normal 0.75-1.25 mM, osteogenic
// 5-10 mM, anti-tumour >= 20 mM, normal-cell stress >= 30 mM, ...). Volumes
// are integrals of the band's indicator over the FE field on a sub-cell
// quadrature, not node counts, so they converge under refinement.
#pragma once

#include "base/linear_algebra.h"

#include <deal.II/dofs/dof_handler.h>

#include <limits>
#include <vector>

namespace mgsim
{
  /**
   * The band of level @p c: 0 below edges[0], k in [edges[k-1], edges[k]),
   * edges.size() at or above the last edge.
   */
  unsigned int
  band_of(const std::vector<double> &edges, double c);

  /**
   * Volume [m^3] of each of @p regions (material ids) in each band: band 0
   * below edges[0], band k between edges[k-1] and edges[k], the last at or
   * above the last edge [mol/m^3]. @p field needs ghost values. Each cell is
   * split into @p subdivisions^3 parts with a 2-point Gauss rule in each.
   * Result [region][band], summed over all ranks.
   */
  std::vector<std::vector<double>>
  band_volumes(const dealii::DoFHandler<3>                   &dof_handler,
               const VectorType                              &field,
               const std::vector<double>                     &edges,
               const std::vector<dealii::types::material_id> &regions,
               unsigned int                                   subdivisions = 3);

  /**
   * Mean of @p field (ghosted) over each of @p regions: int c dV / V (0 for
   * an empty region). Summed over all ranks.
   */
  std::vector<double>
  region_means(const dealii::DoFHandler<3>                   &dof_handler,
               const VectorType                              &field,
               const std::vector<dealii::types::material_id> &regions);

  /** @brief The largest nodal value of a field in a region and where/when. */
  struct RegionPeak
  {
    /** Largest value (-infinity for an empty region). */
    double value = -std::numeric_limits<double>::infinity();
    /** @p companion's value at the node of the largest value (e.g. a time). */
    double companion = 0;
  };

  /**
   * Per region of @p regions: the largest nodal value of @p field over the
   * region's cells, and @p companion at that node (both ghosted). Summed
   * over all ranks.
   */
  std::vector<RegionPeak>
  region_peaks(const dealii::DoFHandler<3>                   &dof_handler,
               const VectorType                              &field,
               const VectorType                              &companion,
               const std::vector<dealii::types::material_id> &regions);
} // namespace mgsim
