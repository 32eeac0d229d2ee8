#include "physics/hydrogen_gas.h"

#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/hp/fe_values.h>
#include <deal.II/lac/vector.h>

#include <algorithm>
#include <cmath>

namespace mgsim
{
  using namespace dealii;

  namespace
  {
    constexpr double gas_constant = 8.314462618; // J/(mol K)
  }

  HydrogenGas::HydrogenGas(const DoFHandler<3>                   &dof_handler,
                           const GasParameters                   &parameters,
                           const VectorType                      &solubility,
                           const VectorType                      &volumes,
                           const std::vector<types::material_id> &regions,
                           const hp::QCollection<3>              &quadrature)
    : NodalPhase(dof_handler,
                 volumes,
                 gas_constant * parameters.temperature / parameters.pressure)
    , parameters(parameters)
    , solubility(solubility)
  {
    // Per-region lumped volumes, assembled once: the per-step region gas is
    // then a dot product instead of a cell loop.
    region_volumes.assign(regions.size(), VectorType(density));
    hp::FEValues<3> fe_values(dof_handler.get_fe_collection(),
                              quadrature,
                              update_values | update_JxW_values);
    Vector<double>  local;
    std::vector<types::global_dof_index> indices;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned() && cell->get_fe().n_dofs_per_cell() > 0)
        {
          const auto r =
            std::find(regions.begin(), regions.end(), cell->material_id());
          if (r == regions.end())
            continue;
          fe_values.reinit(cell);
          const FEValues<3> &fv = fe_values.get_present_fe_values();
          local.reinit(fv.dofs_per_cell);
          for (const unsigned int q : fv.quadrature_point_indices())
            for (unsigned int i = 0; i < fv.dofs_per_cell; ++i)
              local(i) += fv.shape_value(i, q) * fv.JxW(q);
          indices.resize(fv.dofs_per_cell);
          cell->get_dof_indices(indices);
          region_volumes[r - regions.begin()].add(indices, local);
        }
    for (auto &v : region_volumes)
      v.compress(VectorOperation::add);
  }

  void
  HydrogenGas::exchange(const VectorType &h,
                        const double      dt,
                        VectorType       &to_gas)
  {
    VectorType &gas = density;
    to_gas.reinit(gas);
    const double into_gas  = 1 - std::exp(-parameters.nucleation_rate * dt);
    const double back_from = 1 - std::exp(-parameters.redissolution_rate * dt);
    for (const auto i : dof_handler.locally_owned_dofs())
      {
        const double excess = h(i) - solubility(i);
        const double w      = volumes(i);
        double       moved  = 0;
        if (excess > 0)
          moved = w * excess * into_gas;
        else if (gas(i) > 0)
          moved = -std::min(w * gas(i) * back_from, -w * excess);
        if (moved != 0)
          {
            to_gas(i) = moved;
            gas(i)    = gas(i) + moved / w;
          }
      }
    to_gas.compress(VectorOperation::insert);
    gas.compress(VectorOperation::insert);
    update_field();
  }

  double
  HydrogenGas::volume() const
  {
    return moles() * field_unit;
  }

  double
  HydrogenGas::volume_in_region(const unsigned int r) const
  {
    return (region_volumes[r] * density) * field_unit;
  }

  std::vector<CsvColumn>
  gas_statistics(const std::unique_ptr<HydrogenGas> &gas,
                 const std::vector<std::string>     &regions)
  {
    constexpr double       mm3     = 1e-9;
    std::vector<CsvColumn> columns = {{"h2_gas_volume_mm3", [&gas](double) {
                                         return (gas ? gas->volume() : 0.0) /
                                                mm3;
                                       }}};
    for (unsigned int r = 0; r < regions.size(); ++r)
      columns.push_back({"h2_gas_volume_mm3_" + regions[r], [&gas, r](double) {
                           return gas ? gas->volume_in_region(r) / mm3 : 0.0;
                         }});
    return columns;
  }
} // namespace mgsim
