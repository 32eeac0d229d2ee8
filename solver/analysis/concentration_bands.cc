#include "analysis/concentration_bands.h"

#include "analysis/region_cells.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/vector.h>

#include <algorithm>

namespace mgsim
{
  using namespace dealii;

  unsigned int
  band_of(const std::vector<double> &edges, const double c)
  {
    return std::upper_bound(edges.begin(), edges.end(), c) - edges.begin();
  }

  std::vector<std::vector<double>>
  band_volumes(const DoFHandler<3>                   &dof_handler,
               const VectorType                      &field,
               const std::vector<double>             &edges,
               const std::vector<types::material_id> &regions,
               const unsigned int                     subdivisions)
  {
    const QIterated<3>  quadrature(QGauss<1>(2), subdivisions);
    FEValues<3>         fe_values(dof_handler.get_fe(),
                          quadrature,
                          update_values | update_JxW_values);
    std::vector<double> values(quadrature.size());
    Vector<double>      nodal;
    const bool          bounded_by_nodes = dof_handler.get_fe().degree == 1;
    std::vector<std::vector<double>> volumes(
      regions.size(), std::vector<double>(edges.size() + 1, 0.0));
    for_each_region_cell(
      dof_handler, regions, [&](const auto &cell, unsigned r) {
        auto &volume = volumes[r];
        if (bounded_by_nodes)
          {
            // A Q1 field lies between its nodal values: a cell whose nodes
            // share one band lies in it (most cells; the quadrature below
            // would give its measure to round-off).
            nodal.reinit(cell->get_fe().n_dofs_per_cell());
            cell->get_dof_values(field, nodal);
            const auto [low, high] =
              std::minmax_element(nodal.begin(), nodal.end());
            if (band_of(edges, *low) == band_of(edges, *high))
              {
                volume[band_of(edges, *low)] += cell->measure();
                return;
              }
          }
        fe_values.reinit(cell);
        fe_values.get_function_values(field, values);
        for (const unsigned int q : fe_values.quadrature_point_indices())
          volume[band_of(edges, values[q])] += fe_values.JxW(q);
      });
    for (auto &per_region : volumes)
      for (double &v : per_region)
        v = Utilities::MPI::sum(v, dof_handler.get_communicator());
    return volumes;
  }

  std::vector<double>
  region_means(const DoFHandler<3>                   &dof_handler,
               const VectorType                      &field,
               const std::vector<types::material_id> &regions)
  {
    const unsigned int  degree = dof_handler.get_fe().degree;
    const QGauss<3>     quadrature(degree + 1);
    FEValues<3>         fe_values(dof_handler.get_fe(),
                          quadrature,
                          update_values | update_JxW_values);
    std::vector<double> values(quadrature.size());
    std::vector<double> integral(regions.size(), 0.0),
      volume(regions.size(), 0.0);
    for_each_region_cell(
      dof_handler, regions, [&](const auto &cell, unsigned r) {
        fe_values.reinit(cell);
        fe_values.get_function_values(field, values);
        for (const unsigned int q : fe_values.quadrature_point_indices())
          {
            integral[r] += values[q] * fe_values.JxW(q);
            volume[r] += fe_values.JxW(q);
          }
      });
    std::vector<double> means;
    for (unsigned int r = 0; r < regions.size(); ++r)
      {
        const MPI_Comm comm = dof_handler.get_communicator();
        const double   v    = Utilities::MPI::sum(volume[r], comm);
        means.push_back(v > 0 ? Utilities::MPI::sum(integral[r], comm) / v :
                                0.0);
      }
    return means;
  }

  std::vector<RegionPeak>
  region_peaks(const DoFHandler<3>                   &dof_handler,
               const VectorType                      &field,
               const VectorType                      &companion,
               const std::vector<types::material_id> &regions)
  {
    std::vector<RegionPeak>              peaks(regions.size());
    std::vector<types::global_dof_index> indices;
    for_each_region_cell(dof_handler,
                         regions,
                         [&](const auto &cell, unsigned r) {
                           indices.resize(cell->get_fe().n_dofs_per_cell());
                           cell->get_dof_indices(indices);
                           auto &peak = peaks[r];
                           for (const auto i : indices)
                             if (field(i) > peak.value)
                               peak = {field(i), companion(i)};
                         });
    std::vector<double> flat;
    for (const auto &peak : peaks)
      flat.insert(flat.end(), {peak.value, peak.companion});
    const auto all =
      Utilities::MPI::all_gather(dof_handler.get_communicator(), flat);
    for (unsigned int r = 0; r < regions.size(); ++r)
      for (const auto &rank : all)
        if (rank[2 * r] > peaks[r].value)
          peaks[r] = {rank[2 * r], rank[2 * r + 1]};
    return peaks;
  }
} // namespace mgsim
