#include "physics/carbon_dioxide_exchange.h"

#include <deal.II/hp/fe_values.h>
#include <deal.II/lac/vector.h>

#include <algorithm>

namespace mgsim
{
  using namespace dealii;

  const Medium &
  gas_exchange_medium(const CaseParameters &parameters)
  {
    const auto region =
      std::find_if(parameters.regions.begin(),
                   parameters.regions.end(),
                   [](const RegionParameters &r) { return r.exchanges_co2(); });
    AssertThrow(region != parameters.regions.end(),
                ExcMessage("no region exchanges CO2 with an incubator"));
    return *region->medium;
  }

  CarbonDioxideExchange::CarbonDioxideExchange(
    const CaseParameters                                     &parameters,
    const std::map<std::string, types::boundary_id>          &boundaries,
    const std::vector<std::pair<types::material_id, Medium>> &region_media,
    const DoFHandler<3>                                      &dof_handler,
    const hp::QCollection<2>                                 &face_quadrature,
    const ScalarTransport                                    &alkalinity)
    : dof_handler(dof_handler)
    , face_quadrature(face_quadrature)
    , alkalinity(alkalinity)
  {
    const double solubility = gas_exchange_medium(parameters).co2_solubility;
    for (const auto &b : parameters.boundaries)
      if (b.type == BoundaryType::gas_exchange)
        surfaces[boundaries.at(b.name)] = {solubility * b.co2_partial_pressure,
                                           b.co2_transfer};
    for (const auto &[material, medium] : region_media)
      media.emplace(material, AcidBase(medium));
  }

  void
  CarbonDioxideExchange::exchange(const VectorType &carbon,
                                  const double      dt,
                                  VectorType       &moved)
  {
    moved.reinit(dof_handler.locally_owned_dofs(),
                 dof_handler.get_communicator());
    hp::FEFaceValues<3> face_values(dof_handler.get_fe_collection(),
                                    face_quadrature,
                                    update_values | update_JxW_values);
    std::vector<double> ta, ct;
    Vector<double>      local;
    std::vector<types::global_dof_index> indices;
    for (const auto &cell : dof_handler.active_cell_iterators())
      {
        if (!cell->is_locally_owned() || !cell->at_boundary())
          continue;
        const auto medium = media.find(cell->material_id());
        if (medium == media.end())
          continue; // implant
        const AcidBase &acid_base = medium->second;
        for (const unsigned int f : cell->face_indices())
          {
            if (!cell->face(f)->at_boundary())
              continue;
            const auto surface = surfaces.find(cell->face(f)->boundary_id());
            if (surface == surfaces.end())
              continue;
            face_values.reinit(cell, f);
            const FEFaceValues<3> &fv = face_values.get_present_fe_values();
            ta.resize(fv.n_quadrature_points);
            ct.resize(fv.n_quadrature_points);
            fv.get_function_values(alkalinity.solution(), ta);
            fv.get_function_values(carbon, ct);
            local.reinit(fv.dofs_per_cell);
            const double k_g = surface->second.transfer;
            for (const unsigned int q : fv.quadrature_point_indices())
              {
                const double phi = acid_base.co2_fraction(
                  LocalBuffer{acid_base, ct[q]}.ph(ta[q]));
                // Out of the medium [mol/m^2/s], beyond the implicit part.
                const double out =
                  k_g * (phi * ct[q] - surface->second.co2_saturation -
                         (ct[q] - acid_base.reference_carbon()));
                for (unsigned int i = 0; i < fv.dofs_per_cell; ++i)
                  local(i) += dt * out * fv.shape_value(i, q) * fv.JxW(q);
              }
            indices.resize(fv.dofs_per_cell);
            cell->get_dof_indices(indices);
            moved.add(indices, local);
          }
      }
    moved.compress(VectorOperation::add);
    exchanged += total(moved);
  }
} // namespace mgsim
