#include "implant_metal.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_nothing.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/hp/fe_values.h>

#include <limits>

namespace mgsim
{
  using namespace dealii;

  namespace
  {
    constexpr double infinity = std::numeric_limits<double>::infinity();

    /** Whether the neighbour across face @p f is tissue (including implant
     * cells already corroded away). */
    bool
    exposed_across(const DoFHandler<3>::active_cell_iterator &cell,
                   const unsigned int                         f,
                   const types::material_id                   implant)
    {
      if (cell->at_boundary(f))
        return false;
      // Implant cells are never refined, so a refined neighbour is tissue.
      const auto neighbor = cell->neighbor(f);
      return neighbor->has_children() || neighbor->material_id() != implant;
    }
  } // namespace

  double
  ImplantMetal::CellMetal::fraction(const std::array<double, 6> &d) const
  {
    if (empty)
      return 0;
    double phi = 1;
    for (unsigned int a = 0; a < 3; ++a)
      {
        // Cross-section linear between the two faces, so its integral is
        // the trapezoid rule.
        const double l = length[a], A_lo = area[2 * a], A_hi = area[2 * a + 1];
        const auto   A = [&](double x) { return A_lo + (A_hi - A_lo) * x / l; };
        const double x0 = d[2 * a], x1 = l - d[2 * a + 1];
        if (x1 <= x0)
          return 0;
        phi *= (A(x0) + A(x1)) * (x1 - x0) / (l * (A_lo + A_hi));
      }
    return phi;
  }

  double
  ImplantMetal::CellMetal::front_area() const
  {
    // -dV/ds = -|K| sum_f f_f dphi/dd_f, with dg_a/dd = -A(x)/int A at the
    // face's current position.
    if (empty)
      return 0;
    std::array<double, 3> g{}, rate{};
    for (unsigned int a = 0; a < 3; ++a)
      {
        const double l = length[a], A_lo = area[2 * a], A_hi = area[2 * a + 1];
        const auto   A = [&](double x) { return A_lo + (A_hi - A_lo) * x / l; };
        const double x0 = depth[2 * a], x1 = l - depth[2 * a + 1];
        if (x1 <= x0)
          return 0;
        const double total = l * (A_lo + A_hi) / 2;
        g[a]               = (A(x0) + A(x1)) * (x1 - x0) / 2 / total;
        rate[a]            = ((exposed[2 * a] ? pitting[2 * a] * A(x0) : 0.0) +
                   (exposed[2 * a + 1] ? pitting[2 * a + 1] * A(x1) : 0.0)) /
                  total;
      }
    return volume * (rate[0] * g[1] * g[2] + g[0] * rate[1] * g[2] +
                     g[0] * g[1] * rate[2]);
  }

  double
  ImplantMetal::CellMetal::recession_to_empty() const
  {
    double s = infinity;
    for (unsigned int a = 0; a < 3; ++a)
      {
        const double speed = (exposed[2 * a] ? pitting[2 * a] : 0.0) +
                             (exposed[2 * a + 1] ? pitting[2 * a + 1] : 0.0);
        if (speed > 0)
          s = std::min(s,
                       std::max(0.0,
                                length[a] - depth[2 * a] - depth[2 * a + 1]) /
                         speed);
      }
    return s;
  }

  ImplantMetal::ImplantMetal(const DoFHandler<3>      &dof_handler,
                             const types::material_id  implant,
                             const PittingField       &pitting,
                             const double              mg_molar_density,
                             const hp::QCollection<2> &face_quadrature)
    : dof_handler(dof_handler)
    , implant(implant)
    , pitting(pitting)
    , molar_density(mg_molar_density)
    , face_quadrature(face_quadrature)
  {
    // Geometry and mean pitting factor of every face, from the cell's own
    // (trilinear) faces, so faces shared by two metal cells agree.
    const QGauss<2>     quadrature(4);
    const FE_Nothing<3> no_element;
    FEFaceValues<3>     face_values(no_element,
                                quadrature,
                                update_quadrature_points | update_JxW_values);
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned() && cell->material_id() == implant)
        {
          CellMetal &metal = cells[cell->id()];
          metal.volume     = cell->measure();
          volume_at_start += metal.volume;
          for (const unsigned int f : cell->face_indices())
            {
              face_values.reinit(
                static_cast<Triangulation<3>::cell_iterator>(cell), f);
              double area = 0, weighted = 0;
              for (const unsigned int q :
                   face_values.quadrature_point_indices())
                {
                  area += face_values.JxW(q);
                  weighted += pitting.factor(face_values.quadrature_point(q)) *
                              face_values.JxW(q);
                }
              metal.area[f]    = area;
              metal.pitting[f] = weighted / area;
            }
          // Height of the frustum along each axis with the cell's volume:
          // then -dV/ds = sum of the exposed face areas at the start, the
          // rate law's release, for any cell shape.
          for (unsigned int a = 0; a < 3; ++a)
            metal.length[a] =
              2 * metal.volume / (metal.area[2 * a] + metal.area[2 * a + 1]);
        }
    volume_at_start =
      Utilities::MPI::sum(volume_at_start, dof_handler.get_communicator());
    update_exposure();
  }

  void
  ImplantMetal::update_exposure()
  {
    hp::FEFaceValues<3> hp_face_values(dof_handler.get_fe_collection(),
                                       face_quadrature,
                                       update_values |
                                         update_quadrature_points |
                                         update_JxW_values);
    std::vector<types::global_dof_index> neighbor_dofs;
    for (const auto &cell : dof_handler.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        const auto it = cells.find(cell->id());
        if (it == cells.end())
          continue;
        CellMetal &metal = it->second;
        metal.dofs.clear();
        metal.weights.clear();
        double total = 0;
        for (const unsigned int f : cell->face_indices())
          {
            metal.exposed[f] = exposed_across(cell, f, implant);
            if (!metal.exposed[f])
              continue;
            // The release enters the tissue cell(s) across this face,
            // weighted with the local pitting factor: int_f f phi_i dS. A
            // refined neighbour meets the face with its children's faces.
            const unsigned int nf = cell->neighbor_face_no(f);
            std::vector<DoFHandler<3>::active_cell_iterator> tissue;
            if (cell->neighbor(f)->has_children())
              for (unsigned int sf = 0; sf < cell->face(f)->n_children(); ++sf)
                tissue.push_back(cell->neighbor_child_on_subface(f, sf));
            else
              tissue.push_back(cell->neighbor(f));
            for (const auto &neighbor : tissue)
              {
                hp_face_values.reinit(neighbor, nf);
                const FEFaceValues<3> &fv =
                  hp_face_values.get_present_fe_values();
                neighbor_dofs.resize(fv.dofs_per_cell);
                neighbor->get_dof_indices(neighbor_dofs);
                for (unsigned int i = 0; i < fv.dofs_per_cell; ++i)
                  {
                    double w = 0;
                    for (const unsigned int q : fv.quadrature_point_indices())
                      w += pitting.factor(fv.quadrature_point(q)) *
                           fv.shape_value(i, q) * fv.JxW(q);
                    metal.dofs.push_back(neighbor_dofs[i]);
                    metal.weights.push_back(w);
                    total += w;
                  }
              }
          }
        for (double &w : metal.weights)
          w /= total;
      }
  }

  double
  ImplantMetal::recession_to_next_empty() const
  {
    double s = infinity;
    for (const auto &[id, metal] : cells)
      s = std::min(s, metal.recession_to_empty());
    return Utilities::MPI::min(s, dof_handler.get_communicator());
  }

  double
  ImplantMetal::recede(const double ds, const double snap, VectorType &released)
  {
    released.reinit(dof_handler.locally_owned_dofs(),
                    dof_handler.get_communicator());
    double              total = 0;
    std::vector<double> amounts;
    for (auto &[id, metal] : cells)
      {
        if (metal.dofs.empty() || metal.empty)
          continue;
        const double before = metal.fraction(metal.depth);
        if (metal.recession_to_empty() <= ds * (1 + snap))
          metal.empty = true;
        else
          for (unsigned int f = 0; f < 6; ++f)
            if (metal.exposed[f])
              metal.depth[f] += metal.pitting[f] * ds;
        const double moles =
          molar_density * metal.volume * (before - metal.fraction(metal.depth));
        amounts.resize(metal.weights.size());
        for (std::size_t i = 0; i < amounts.size(); ++i)
          amounts[i] = moles * metal.weights[i];
        released.add(metal.dofs, amounts);
        total += moles;
      }
    released.compress(VectorOperation::add);
    return Utilities::MPI::sum(total, dof_handler.get_communicator());
  }

  std::vector<DoFHandler<3>::active_cell_iterator>
  ImplantMetal::emptied_cells() const
  {
    std::vector<DoFHandler<3>::active_cell_iterator> result;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const auto it = cells.find(cell->id());
          if (it != cells.end() && it->second.empty)
            result.push_back(cell);
        }
    return result;
  }

  void
  ImplantMetal::remove_emptied_cells()
  {
    for (auto it = cells.begin(); it != cells.end();)
      it = it->second.empty ? cells.erase(it) : std::next(it);
  }

  double
  ImplantMetal::volume() const
  {
    double v = 0;
    for (const auto &[id, metal] : cells)
      v += metal.volume * metal.fraction(metal.depth);
    return Utilities::MPI::sum(v, dof_handler.get_communicator());
  }

  double
  ImplantMetal::front_area() const
  {
    double area = 0;
    for (const auto &[id, metal] : cells)
      area += metal.front_area();
    return Utilities::MPI::sum(area, dof_handler.get_communicator());
  }

  SurfaceAreas
  ImplantMetal::exposed_area() const
  {
    SurfaceAreas areas;
    for (const auto &[id, metal] : cells)
      for (unsigned int f = 0; f < 6; ++f)
        if (metal.exposed[f] && !metal.empty)
          {
            areas.geometric += metal.area[f];
            areas.effective += metal.pitting[f] * metal.area[f];
          }
    const MPI_Comm comm = dof_handler.get_communicator();
    areas.geometric     = Utilities::MPI::sum(areas.geometric, comm);
    areas.effective     = Utilities::MPI::sum(areas.effective, comm);
    return areas;
  }

  Vector<float>
  ImplantMetal::fraction_per_cell() const
  {
    Vector<float> result(dof_handler.get_triangulation().n_active_cells());
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const auto it = cells.find(cell->id());
          if (it != cells.end())
            result(cell->active_cell_index()) =
              it->second.fraction(it->second.depth);
        }
    return result;
  }
} // namespace mgsim
