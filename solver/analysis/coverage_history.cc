#include "analysis/coverage_history.h"

#include "analysis/exposure_history.h"
#include "analysis/region_cells.h"

#include <deal.II/base/geometry_info.h>
#include <deal.II/base/mpi.h>
#include <deal.II/distributed/cell_data_transfer.templates.h>
#include <deal.II/fe/fe_values.h>

#include <boost/serialization/vector.hpp>

#include <algorithm>

// deal.II instantiates CellDataTransfer for Vector<T> only.
template class dealii::parallel::distributed::
  CellDataTransfer<3, 3, std::vector<std::vector<float>>>;

namespace mgsim
{
  using namespace dealii;

  namespace
  {
    /** Index of the point of @p points nearest to @p p. */
    unsigned int
    nearest(const std::vector<Point<3>> &points, const Point<3> &p)
    {
      unsigned int best = 0;
      for (unsigned int q = 1; q < points.size(); ++q)
        if (points[q].distance_square(p) < points[best].distance_square(p))
          best = q;
      return best;
    }

    /** Offset of isotropic child @p child in its parent's unit cell. */
    Point<3>
    child_offset(const unsigned int child)
    {
      // deal.II numbers the children of a hexahedron lexicographically.
      return Point<3>(child & 1, (child >> 1) & 1, (child >> 2) & 1);
    }
  } // namespace

  CoverageHistory::CoverageHistory(const double       level,
                                   const unsigned int subdivisions)
    : level(level)
    , quadrature(QGauss<1>(2), subdivisions)
  {
  }

  void
  CoverageHistory::reinit(const DoFHandler<3> &dof_handler)
  {
    // Cells that never reach the level keep no times (most of the tissue).
    times.assign(dof_handler.get_triangulation().n_active_cells(), {});
  }

  void
  CoverageHistory::record(const DoFHandler<3>                   &dof_handler,
                          const VectorType                      &previous,
                          const VectorType                      &c,
                          const double                           dt,
                          const std::vector<types::material_id> &regions)
  {
    FEValues<3> fe_values(dof_handler.get_fe(), quadrature, update_values);
    std::vector<double> before(quadrature.size()), after(quadrature.size());
    Vector<double>      nodal_before, nodal_after;
    // A Q1 field lies between its nodal values: a cell whose nodes stay
    // below the level has no point above it (Q2 can overshoot: always look).
    const bool bounded_by_nodes = dof_handler.get_fe().degree == 1;
    for_each_region_cell(dof_handler, regions, [&](const auto &cell, unsigned) {
      auto &t = times[cell->active_cell_index()];
      if (t.empty() && bounded_by_nodes)
        {
          nodal_before.reinit(cell->get_fe().n_dofs_per_cell());
          nodal_after.reinit(cell->get_fe().n_dofs_per_cell());
          cell->get_dof_values(previous, nodal_before);
          cell->get_dof_values(c, nodal_after);
          if (nodal_before.linfty_norm() < level &&
              nodal_after.linfty_norm() < level)
            return;
        }
      fe_values.reinit(cell);
      fe_values.get_function_values(previous, before);
      fe_values.get_function_values(c, after);
      for (unsigned int q = 0; q < quadrature.size(); ++q)
        {
          const double added =
            ExposureHistory::time_at_or_above(before[q], after[q], dt, level);
          if (added > 0 && t.empty())
            t.assign(quadrature.size(), 0.f);
          if (added > 0)
            t[q] += added;
        }
    });
  }

  std::vector<float>
  CoverageHistory::refine(const Triangulation<3>::cell_iterator &,
                          const std::vector<float> &parent_times,
                          const unsigned int        child) const
  {
    if (parent_times.empty())
      return {};
    const auto        &points = quadrature.get_points();
    std::vector<float> result(points.size());
    const Point<3>     offset = child_offset(child);
    for (unsigned int q = 0; q < points.size(); ++q)
      {
        Point<3> in_parent = points[q] + offset;
        in_parent *= 0.5;
        result[q] = parent_times[nearest(points, in_parent)];
      }
    return result;
  }

  void
  CoverageHistory::make_transfer(
    const parallel::distributed::Triangulation<3> &triangulation)
  {
    const auto &points = quadrature.get_points();
    transfer           = std::make_unique<
      parallel::distributed::CellDataTransfer<3, 3, CellTimes>>(
      triangulation,
      /*transfer_variable_size_data=*/true,
      [this](const Triangulation<3>::cell_iterator &parent,
             const std::vector<float>              &parent_times) {
        std::vector<std::vector<float>> children;
        for (unsigned int child = 0; child < parent->n_children(); ++child)
          children.push_back(refine(parent, parent_times, child));
        return children;
      },
      [points](const Triangulation<3>::cell_iterator &,
               const std::vector<std::vector<float>> &children_times) {
        // Each parent point lies in one child: take its nearest point there.
        if (std::all_of(children_times.begin(),
                        children_times.end(),
                        [](const auto &t) { return t.empty(); }))
          return std::vector<float>();
        std::vector<float> result(points.size());
        for (unsigned int q = 0; q < points.size(); ++q)
          {
            unsigned int child = 0;
            for (unsigned int d = 0; d < 3; ++d)
              child |= (points[q][d] >= 0.5 ? 1u : 0u) << d;
            const Point<3> in_child(points[q] * 2.0 - child_offset(child));
            const auto    &from = children_times[child];
            result[q] = from.empty() ? 0.f : from[nearest(points, in_child)];
          }
        return result;
      });
  }

  void
  CoverageHistory::prepare_for_coarsening_and_refinement(
    const parallel::distributed::Triangulation<3> &triangulation)
  {
    make_transfer(triangulation);
    transfer->prepare_for_coarsening_and_refinement(times);
  }

  void
  CoverageHistory::prepare_for_serialization(
    const parallel::distributed::Triangulation<3> &triangulation)
  {
    make_transfer(triangulation);
    transfer->prepare_for_serialization(times);
  }

  void
  CoverageHistory::deserialize(
    const parallel::distributed::Triangulation<3> &triangulation)
  {
    make_transfer(triangulation);
    times.assign(triangulation.n_active_cells(), {});
    transfer->deserialize(times);
    transfer.reset();
  }

  void
  CoverageHistory::unpack(const DoFHandler<3> &dof_handler)
  {
    CellTimes transferred(dof_handler.get_triangulation().n_active_cells());
    transfer->unpack(transferred);
    transfer.reset();
    times = std::move(transferred);
  }

  std::vector<double>
  CoverageHistory::covered_volumes(
    const DoFHandler<3>                   &dof_handler,
    const double                           duration,
    const std::vector<types::material_id> &regions) const
  {
    FEValues<3> fe_values(dof_handler.get_fe(), quadrature, update_JxW_values);
    std::vector<double> volumes(regions.size(), 0.0);
    for_each_region_cell(dof_handler,
                         regions,
                         [&](const auto &cell, unsigned r) {
                           const auto &t = times[cell->active_cell_index()];
                           if (t.empty())
                             return;
                           fe_values.reinit(cell);
                           for (unsigned int q = 0; q < quadrature.size(); ++q)
                             if (t[q] >= duration)
                               volumes[r] += fe_values.JxW(q);
                         });
    for (double &v : volumes)
      v = Utilities::MPI::sum(v, dof_handler.get_communicator());
    return volumes;
  }
} // namespace mgsim
