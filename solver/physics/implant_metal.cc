#include "physics/implant_metal.h"

#include "base/petsc_arrays.h"
#include "base/units.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_nothing.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/hp/fe_values.h>

#include <limits>
#include <memory>

namespace mgsim
{
  using namespace dealii;

  namespace
  {
    /** Face areas and points of a cell's own (trilinear) faces. */
    std::unique_ptr<FEFaceValues<3>>
    face_geometry()
    {
      // No shape functions are needed; the element outlives every user.
      static const FE_Nothing<3> no_element;
      return std::make_unique<FEFaceValues<3>>(
        no_element, QGauss<2>(4), update_quadrature_points | update_JxW_values);
    }

    constexpr double infinity = std::numeric_limits<double>::infinity();

    /**
     * The tissue cells across face @p f of @p cell: the neighbour, or those
     * of its children on the face if it is refined.
     */
    std::vector<DoFHandler<3>::active_cell_iterator>
    tissue_across(const DoFHandler<3>::active_cell_iterator &cell,
                  const unsigned int                         f,
                  const types::material_id                   implant)
    {
      std::vector<DoFHandler<3>::active_cell_iterator> result;
      if (cell->at_boundary(f))
        return result;
      if (cell->neighbor(f)->has_children())
        {
          for (unsigned int sf = 0; sf < cell->face(f)->n_children(); ++sf)
            if (cell->neighbor_child_on_subface(f, sf)->material_id() !=
                implant)
              result.push_back(cell->neighbor_child_on_subface(f, sf));
        }
      else if (cell->neighbor(f)->material_id() != implant)
        result.push_back(cell->neighbor(f));
      return result;
    }

    /** The DoFHandler's view of triangulation cell @p cell. */
    DoFHandler<3>::active_cell_iterator
    with_dofs(const Triangulation<3>::cell_iterator &cell,
              const DoFHandler<3>                   &dof_handler)
    {
      return DoFHandler<3>::active_cell_iterator(&cell->get_triangulation(),
                                                 cell->level(),
                                                 cell->index(),
                                                 &dof_handler);
    }
  } // namespace

  ImplantMetal::CellMetal::Axis
  ImplantMetal::CellMetal::axis(const unsigned int           a,
                                const std::array<double, 6> &d) const
  {
    // Cross-section linear between the two faces: its integral over the
    // remaining interval [x0, x1] is the trapezoid rule.
    const double l = length[a], A_lo = area[2 * a], A_hi = area[2 * a + 1];
    const auto   A  = [&](double x) { return A_lo + (A_hi - A_lo) * x / l; };
    const double x0 = d[2 * a], x1 = l - d[2 * a + 1];
    Axis         result;
    result.total = l * (A_lo + A_hi) / 2;
    if (x1 > x0)
      {
        result.area_lo   = A(x0);
        result.area_hi   = A(x1);
        result.remaining = (A(x0) + A(x1)) * (x1 - x0) / 2 / result.total;
      }
    return result;
  }

  double
  ImplantMetal::CellMetal::fraction(const std::array<double, 6> &d) const
  {
    if (empty)
      return 0;
    double phi = 1;
    for (unsigned int a = 0; a < 3; ++a)
      phi *= axis(a, d).remaining;
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
        const Axis axis_a = axis(a, depth);
        g[a]              = axis_a.remaining;
        rate[a] =
          ((exposed[2 * a] ? pitting[2 * a] * axis_a.area_lo : 0.0) +
           (exposed[2 * a + 1] ? pitting[2 * a + 1] * axis_a.area_hi : 0.0)) /
          axis_a.total;
      }
    return rate_factor * scale * volume *
           (rate[0] * g[1] * g[2] + g[0] * rate[1] * g[2] +
            g[0] * g[1] * rate[2]);
  }

  double
  ImplantMetal::CellMetal::recession_to_empty() const
  {
    double s = infinity;
    for (unsigned int a = 0; a < 3; ++a)
      {
        const double speed =
          rate_factor * ((exposed[2 * a] ? pitting[2 * a] : 0.0) +
                         (exposed[2 * a + 1] ? pitting[2 * a + 1] : 0.0));
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
    const auto face_values = face_geometry();
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned() && cell->material_id() == implant)
        {
          CellMetal &metal = cells[cell->id()];
          metal            = full_cell(cell, *face_values);
          volume_at_start += metal.volume;
        }
    volume_at_start =
      Utilities::MPI::sum(volume_at_start, dof_handler.get_communicator());
    update_exposure();
  }

  ImplantMetal::CellMetal
  ImplantMetal::full_cell(const DoFHandler<3>::active_cell_iterator &cell,
                          FEFaceValues<3> &face_values) const
  {
    // Geometry and mean pitting factor of every face, from the cell's own
    // (trilinear) faces, so faces shared by two metal cells agree.
    CellMetal metal;
    metal.volume = cell->measure();
    for (const unsigned int f : cell->face_indices())
      {
        face_values.reinit(static_cast<Triangulation<3>::cell_iterator>(cell),
                           f);
        double area = 0, weighted = 0;
        for (const unsigned int q : face_values.quadrature_point_indices())
          {
            area += face_values.JxW(q);
            weighted += pitting.factor(face_values.quadrature_point(q)) *
                        face_values.JxW(q);
          }
        metal.area[f]    = area;
        metal.pitting[f] = weighted / area;
      }
    // Height of the frustum along each axis with the cell's volume: then
    // -dV/ds = sum of the exposed face areas at the start, the rate law's
    // release, for any cell shape.
    for (unsigned int a = 0; a < 3; ++a)
      metal.length[a] =
        2 * metal.volume / (metal.area[2 * a] + metal.area[2 * a + 1]);
    return metal;
  }

  void
  ImplantMetal::split_refined_cells()
  {
    // A refined implant cell hands its metal to its children: along each
    // axis a child on the side of a corroding face keeps that face's depth,
    // the other child is reached only once the front has passed the middle.
    // The children's metal is then scaled to the parent's exactly (the
    // frustum shapes of parent and children differ slightly).
    const auto                 &triangulation = dof_handler.get_triangulation();
    std::map<CellId, CellMetal> result;
    const auto                  face_values = face_geometry();
    for (const auto &[id, parent] : cells)
      {
        const auto parent_cell = triangulation.create_cell_iterator(id);
        if (!parent_cell->has_children())
          {
            result[id] = parent;
            continue;
          }
        std::vector<std::pair<CellId, CellMetal>> children;
        double                                    children_metal = 0;
        for (unsigned int c = 0; c < parent_cell->n_children(); ++c)
          {
            const auto child = with_dofs(parent_cell->child(c), dof_handler);
            CellMetal  metal = full_cell(child, *face_values);
            for (unsigned int a = 0; a < 3; ++a)
              {
                const double half = parent.length[a] / 2;
                const bool   high = (c >> a) & 1;
                const double d_lo = parent.depth[2 * a],
                             d_hi = parent.depth[2 * a + 1];
                metal.depth[2 * a] =
                  std::min(metal.length[a],
                           high ? std::max(0.0, d_lo - half) : d_lo);
                metal.depth[2 * a + 1] =
                  std::min(metal.length[a],
                           high ? d_hi : std::max(0.0, d_hi - half));
              }
            children_metal += metal.metal_volume();
            children.emplace_back(child->id(), metal);
          }
        const double parent_metal = parent.metal_volume();
        for (auto &[child_id, metal] : children)
          {
            if (children_metal > 0)
              metal.scale = parent_metal / children_metal;
            else
              {
                // The front had nearly passed: spread what is left over
                // full children.
                metal.depth.fill(0);
                metal.scale = parent_metal / parent.volume;
              }
            // Film and rate factor are per area: the children inherit them.
            metal.film        = parent.film;
            metal.rate_factor = parent.rate_factor;
            metal.empty       = metal.metal_volume() == 0;
            result[child_id]  = metal;
          }
      }
    cells = std::move(result);
  }

  std::vector<double>
  ImplantMetal::checkpoint_cell(
    const DoFHandler<3>::active_cell_iterator &cell) const
  {
    const auto found = cells.find(cell->id());
    if (found == cells.end())
      return {};
    std::vector<double> state(found->second.depth.begin(),
                              found->second.depth.end());
    state.push_back(found->second.scale);
    state.push_back(found->second.film);
    return state;
  }

  void
  ImplantMetal::restore(const std::vector<std::vector<double>> &states,
                        const double                            initial_volume)
  {
    const auto &triangulation = dof_handler.get_triangulation();
    for (auto &[id, metal] : cells)
      {
        const auto &state =
          states[triangulation.create_cell_iterator(id)->active_cell_index()];
        AssertThrow(state.size() == metal.depth.size() + 2,
                    ExcMessage(
                      "checkpoint: no metal state for an implant cell"));
        std::copy(state.begin(),
                  state.begin() + metal.depth.size(),
                  metal.depth.begin());
        metal.scale = state[metal.depth.size()];
        metal.film  = state[metal.depth.size() + 1];
        metal.empty = metal.metal_volume() == 0;
      }
    volume_at_start = initial_volume;
    update_exposure();
  }

  void
  ImplantMetal::update_exposure()
  {
    hp::FEFaceValues<3>    hp_face_values(dof_handler.get_fe_collection(),
                                       face_quadrature,
                                       update_values |
                                         update_quadrature_points |
                                         update_JxW_values);
    hp::FESubfaceValues<3> hp_subface_values(dof_handler.get_fe_collection(),
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
            const auto tissue = tissue_across(cell, f, implant);
            metal.exposed[f]  = !tissue.empty();
            if (tissue.empty())
              continue;
            // The release enters the tissue cell(s) across this face,
            // weighted with the local pitting factor: int_f f phi_i dS. A
            // refined neighbour meets the face with its children's faces.
            const unsigned int nf = cell->neighbor_face_no(f);
            for (const auto &neighbor : tissue)
              {
                // A coarser neighbour meets this face with one of its
                // subfaces.
                const FEFaceValuesBase<3> *values = nullptr;
                if (cell->neighbor_is_coarser(f))
                  {
                    const auto [face, subface] =
                      cell->neighbor_of_coarser_neighbor(f);
                    hp_subface_values.reinit(neighbor, face, subface);
                    values = &hp_subface_values.get_present_fe_values();
                  }
                else
                  {
                    hp_face_values.reinit(neighbor, nf);
                    values = &hp_face_values.get_present_fe_values();
                  }
                const FEFaceValuesBase<3> &fv = *values;
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
              metal.depth[f] += metal.rate_factor * metal.pitting[f] * ds;
        const double moles = molar_density * metal.scale * metal.volume *
                             (before - metal.fraction(metal.depth));
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
    // From the implant cells, not the whole mesh: this runs every step.
    std::vector<DoFHandler<3>::active_cell_iterator> result;
    for (const auto &[id, metal] : cells)
      if (metal.empty)
        result.push_back(
          with_dofs(dof_handler.get_triangulation().create_cell_iterator(id),
                    dof_handler));
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
      v += metal.metal_volume();
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

  std::vector<CsvColumn>
  ImplantMetal::statistics(const double density,
                           const bool   front_chemistry) const
  {
    constexpr double       mm2 = 1e-6, mm3 = 1e-9;
    std::vector<CsvColumn> columns = {
      {"implant_mass_g",
       [this, density](double) { return density * volume() * 1e3; }},
      {"implant_volume_mm3", [this](double) { return volume() / mm3; }},
      {"front_area_mm2", [this](double) { return front_area() / mm2; }}};
    if (front_chemistry)
      {
        // Means over the front: the film by exposed area, the rate factor
        // by the front area it scales.
        columns.push_back({"front_film_um", [this](double) {
                             double film = 0, area = 0;
                             for (const auto &[id, metal] : cells)
                               if (!metal.empty)
                                 {
                                   film +=
                                     metal.film * metal.exposed_face_area();
                                   area += metal.exposed_face_area();
                                 }
                             const MPI_Comm comm =
                               dof_handler.get_communicator();
                             area = Utilities::MPI::sum(area, comm);
                             return area > 0 ? Utilities::MPI::sum(film, comm) /
                                                 area / units::micrometer :
                                               0.0;
                           }});
        columns.push_back(
          {"front_rate_factor", [this](double) {
             double scaled = 0, plain = 0;
             for (const auto &[id, metal] : cells)
               {
                 const double a = metal.front_area();
                 scaled += a;
                 plain += a / metal.rate_factor;
               }
             const MPI_Comm comm = dof_handler.get_communicator();
             plain               = Utilities::MPI::sum(plain, comm);
             return plain > 0 ? Utilities::MPI::sum(scaled, comm) / plain : 1.0;
           }});
      }
    return columns;
  }

  Vector<float>
  ImplantMetal::film_per_cell() const
  {
    Vector<float> result(dof_handler.get_triangulation().n_active_cells());
    for (const auto &[id, metal] : cells)
      result(dof_handler.get_triangulation()
               .create_cell_iterator(id)
               ->active_cell_index()) = metal.film;
    return result;
  }

  void
  ImplantMetal::set_rate_factors(const FrontChemistry &front,
                                 const VectorType     &ph)
  {
    for (auto &[id, metal] : cells)
      {
        if (metal.dofs.empty() || metal.empty)
          continue;
        metal.rate_factor = front.rate_factor(metal.film, metal.gather(ph));
      }
  }

  void
  ImplantMetal::grow_films(const FrontChemistry &front,
                           const VectorType     &precipitated,
                           const VectorType     &ghost_layout,
                           const double          dt)
  {
    // The front area each tissue node stands for: every exposed cell's
    // area, split over its nodes as its release is.
    VectorType          area(dof_handler.locally_owned_dofs(),
                    dof_handler.get_communicator());
    std::vector<double> amounts;
    for (const auto &[id, metal] : cells)
      {
        if (metal.dofs.empty() || metal.empty)
          continue;
        amounts.resize(metal.weights.size());
        for (std::size_t i = 0; i < amounts.size(); ++i)
          amounts[i] = metal.exposed_face_area() * metal.weights[i];
        area.add(metal.dofs, amounts);
      }
    area.compress(VectorOperation::add);
    // Mg(OH)2 deposited per area at each front node [mol/m^2]: what
    // precipitated in the node's volume (redissolution thins no film; k_dis
    // does).
    VectorType deposit;
    petsc_arrays::reinit_like(deposit, ghost_layout);
    {
      const petsc_arrays::ReadArray p(precipitated), a(area);
      petsc_arrays::WriteArray      d(deposit);
      for (unsigned int k = 0; k < area.locally_owned_size(); ++k)
        d[k] = a[k] > 0 ? std::max(p[k], 0.0) / a[k] : 0.0;
    }
    for (auto &[id, metal] : cells)
      {
        if (metal.dofs.empty() || metal.empty)
          continue;
        metal.film = front.grown_film(metal.film, metal.gather(deposit), dt);
      }
  }
} // namespace mgsim
