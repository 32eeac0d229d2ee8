// Problem: the mesh changes of a run -- implant cells whose metal is gone
// become tissue, and the mesh adapts to the Mg2+ field and the corrosion
// front -- with every field carried over without creating or losing mass;
// and the mesh summary `mgsim check` prints.
#include "base/input_error.h"
#include "base/units.h"
#include "simulation/problem.h"

#include <deal.II/base/utilities.h>
#include <deal.II/distributed/grid_refinement.h>
#include <deal.II/distributed/solution_transfer.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/numerics/error_estimator.h>

#include <iomanip>
#include <map>

namespace mgsim
{
  using namespace dealii;

  unsigned int
  Problem::open_emptied_cells()
  {
    const auto         emptied = metal->emptied_cells();
    const unsigned int n_opened =
      Utilities::MPI::sum(static_cast<unsigned int>(emptied.size()), comm);
    if (n_opened == 0)
      return 0;

    const types::material_id implant = implant_material();
    std::vector<DoFHandler<3>::active_cell_iterator> implant_cells;
    for (const auto &cell : dofs.active_cell_iterators())
      if (!cell->is_artificial() && cell->material_id() == implant)
        implant_cells.push_back(cell);
    for (const auto &cell : emptied)
      cell->set_material_id(degraded_material);
    metal->remove_emptied_cells();
    // Ghost copies must see the new material too (exposure, coefficients).
    exchange_materials_with_ghosts();
    std::vector<DoFHandler<3>::active_cell_iterator> opened;
    for (const auto &cell : implant_cells)
      if (cell->material_id() != implant)
        opened.push_back(cell);

    metal->update_exposure();
    for (auto &s : species_)
      s->transport().open_cells(opened);
    if (gas)
      {
        // Gas stays where it is, in moles per node.
        const VectorType moles = gas->moles_per_dof();
        setup_gas();
        gas->set_moles(moles);
      }
    // So does the solid; the opened nodes take their medium.
    const VectorType solid = brucite ? brucite->moles_per_dof() : VectorType();
    setup_chemistry();
    if (brucite)
      brucite->set_moles(solid);
    // New nodes start without history; the others continue.
    recorder->restart_histories();
    return n_opened;
  }

  void
  Problem::adapt_mesh()
  {
    const AdaptivityParameters &a       = prm.adaptivity;
    const unsigned int          base    = prm.mesh.refinements;
    const unsigned int          finest  = base + a.max_levels;
    const types::material_id    implant = implant_material();

    // Kelly indicator of Mg2+ in the tissue; implant cells carry none.
    Vector<float> indicator(triangulation.n_active_cells());
    KellyErrorEstimator<3>::estimate(dofs,
                                     face_quadrature,
                                     {},
                                     band_species().transport().solution(),
                                     indicator);
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned() && cell->material_id() == implant)
        indicator(cell->active_cell_index()) = 0;
    parallel::distributed::GridRefinement::refine_and_coarsen_fixed_number(
      triangulation,
      indicator,
      a.refine_fraction,
      a.coarsen_fraction,
      a.max_cells);

    // The front -- implant cells facing tissue and every cell touching
    // them -- goes to the finest level: that is where the release enters
    // and the concentration is steepest.
    std::vector<bool> front(triangulation.n_vertices(), false);
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned() && metal->holds(cell) &&
          metal->exposed(cell))
        for (const unsigned int v : cell->vertex_indices())
          front[cell->vertex_index(v)] = true;
    // Front vertices on the partition boundary must be seen by both sides.
    std::vector<bool> ghost_front(triangulation.n_vertices(), false);
    GridTools::exchange_cell_data_to_ghosts<unsigned char, DoFHandler<3>>(
      dofs,
      [&](const DoFHandler<3>::active_cell_iterator &cell) {
        unsigned char bits = 0;
        for (const unsigned int v : cell->vertex_indices())
          bits |= front[cell->vertex_index(v)] ? (1u << v) : 0u;
        return std::optional<unsigned char>(bits);
      },
      [&](const DoFHandler<3>::active_cell_iterator &cell,
          const unsigned char                       &bits) {
        for (const unsigned int v : cell->vertex_indices())
          if (bits & (1u << v))
            ghost_front[cell->vertex_index(v)] = true;
      });
    for (unsigned int v = 0; v < front.size(); ++v)
      front[v] = front[v] || ghost_front[v];
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          for (const unsigned int v : cell->vertex_indices())
            if (front[cell->vertex_index(v)])
              {
                cell->clear_coarsen_flag();
                cell->set_refine_flag();
                break;
              }
          // Implant cells are neither refined here (each child would add
          // its own emptying events; p4est still refines one when a
          // neighbour is two levels finer, and it then hands its metal to
          // its children) nor coarsened (their metal stays with them).
          // Nothing goes below the initial mesh or above the finest.
          if (cell->material_id() == implant)
            cell->clear_refine_flag();
          if (cell->material_id() == implant ||
              static_cast<unsigned int>(cell->level()) <= base)
            cell->clear_coarsen_flag();
          if (static_cast<unsigned int>(cell->level()) >= finest)
            cell->clear_refine_flag();
        }

    // Each species, the histories (one transfer for all their vectors) and
    // the gas go through the refinement.
    const double gas_moles   = gas ? gas->moles() : 0.0;
    const double solid_moles = brucite ? brucite->total_moles() : 0.0;
    using Transfer = parallel::distributed::SolutionTransfer<3, VectorType>;
    std::vector<std::unique_ptr<Transfer>> species_transfers;
    Transfer history_transfer(dofs), gas_transfer(dofs), solid_transfer(dofs);
    triangulation.prepare_coarsening_and_refinement();
    for (const auto &s : species_)
      {
        species_transfers.push_back(std::make_unique<Transfer>(dofs));
        species_transfers.back()->prepare_for_coarsening_and_refinement(
          s->transport().solution());
      }
    const auto history = recorder->history_vectors();
    history_transfer.prepare_for_coarsening_and_refinement(history);
    recorder->coverage().prepare_for_coarsening_and_refinement(triangulation);
    if (gas)
      gas_transfer.prepare_for_coarsening_and_refinement(gas->field());
    if (brucite)
      solid_transfer.prepare_for_coarsening_and_refinement(brucite->field());
    triangulation.execute_coarsening_and_refinement();

    metal->split_refined_cells();
    // A coarsened family of opened cells gets its parent's material from
    // before the parent was refined: if that was the implant, it is
    // `degraded` now (its metal was used up by the children).
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned() && cell->material_id() == implant &&
          !metal->holds(cell))
        cell->set_material_id(degraded_material);
    exchange_materials_with_ghosts();

    dofs.distribute_dofs(fe_collection);
    const IndexSet         &owned = dofs.locally_owned_dofs();
    std::vector<VectorType> species_new(species_.size(),
                                        VectorType(owned, comm));
    for (unsigned int s = 0; s < species_.size(); ++s)
      species_transfers[s]->interpolate(species_new[s]);
    VectorType gas_new(owned, comm);
    if (gas)
      gas_transfer.interpolate(gas_new);
    VectorType solid_new(owned, comm);
    if (brucite)
      solid_transfer.interpolate(solid_new);
    std::vector<VectorType>   history_new(history.size(),
                                        VectorType(owned, comm));
    std::vector<VectorType *> history_targets;
    for (auto &v : history_new)
      history_targets.push_back(&v);
    history_transfer.interpolate(history_targets);

    metal->update_exposure();
    for (unsigned int s = 0; s < species_.size(); ++s)
      species_[s]->transport().adopt_mesh(species_new[s]);
    // The media first: the pH's history needs them on the new DoFs.
    setup_chemistry();
    if (brucite)
      brucite->set_field(solid_new, solid_moles);
    recorder->adopt_histories(history_new);
    recorder->coverage().unpack(dofs);
    if (gas)
      {
        setup_gas();
        gas->set_field(gas_new, gas_moles);
      }
    // Children of split implant cells may hold no metal.
    open_emptied_cells();
  }

  void
  Problem::exchange_materials_with_ghosts()
  {
    // On the triangulation: also before the DoFs are distributed (resume).
    using Cell = Triangulation<3>::active_cell_iterator;
    GridTools::exchange_cell_data_to_ghosts<types::material_id,
                                            Triangulation<3>>(
      triangulation,
      [](const Cell &cell) {
        return std::optional<types::material_id>(cell->material_id());
      },
      [](const Cell &cell, const types::material_id &id) {
        cell->set_material_id(id);
      });
  }

  void
  Problem::print_mesh_summary(std::ostream &out) const
  {
    std::map<types::material_id, double> volume, cells;
    std::map<types::boundary_id, double> area;
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          volume[cell->material_id()] += cell->measure();
          cells[cell->material_id()] += 1;
          for (const auto &face : cell->face_iterators())
            if (face->at_boundary())
              area[face->boundary_id()] += face->measure();
        }
    // Collective sums first: every rank takes part, only rank 0 prints.
    for (const auto &[name, id] : mesh.regions)
      {
        volume[id] = Utilities::MPI::sum(volume[id], comm);
        cells[id]  = Utilities::MPI::sum(cells[id], comm);
      }
    for (const types::boundary_id id : {types::boundary_id(0)})
      area[id] = Utilities::MPI::sum(area[id], comm);
    for (const auto &[name, id] : mesh.boundaries)
      area[id] = Utilities::MPI::sum(area[id], comm);
    if (Utilities::MPI::this_mpi_process(comm) != 0)
      return;

    const double mm2 = units::millimeter * units::millimeter;
    const double mm3 = mm2 * units::millimeter;
    out << "mesh: " << prm.mesh.file << "\n";
    if (!prm.mesh.parameters.empty())
      out << "  parameters       " << prm.mesh.parameters_text() << "\n";
    out << "  read from        " << mesh.msh_file << "\n"
        << "  cells            " << triangulation.n_global_active_cells()
        << " (after " << prm.mesh.refinements << " global refinements)\n"
        << "  unknowns         " << dofs.n_dofs() << " per species (Q"
        << prm.solver.fe_degree << ")\n"
        << "  implant surface  " << surface.geometric / mm2 << " mm^2"
        << (surface.effective != surface.geometric ?
              " (pitting-weighted " + std::to_string(surface.effective / mm2) +
                " mm^2)" :
              std::string())
        << "\n"
        << "regions:\n";
    for (const auto &[name, id] : mesh.regions)
      {
        const RegionParameters *region = prm.find_region(name);
        out << "  " << std::left << std::setw(16) << name << "id "
            << std::setw(4) << int(id) << std::setw(10) << cells[id]
            << " cells  " << std::setw(12) << volume[id] / mm3 << " mm^3  "
            << (region ? "tissue " + region->tissue.name :
                         "implant (" + prm.implant.alloy.name + ")")
            << "\n";
      }
    out << "boundaries:\n";
    for (const auto &[name, id] : mesh.boundaries)
      {
        const BoundaryParameters *b = prm.find_boundary(name);
        out << "  " << std::left << std::setw(16) << name << "id "
            << std::setw(4) << int(id) << std::setw(12) << area[id] / mm2
            << " mm^2  "
            << (b->type == BoundaryType::background ? "background" :
                b->type == BoundaryType::no_flux    ? "no flux" :
                b->type == BoundaryType::washout    ? "washout" :
                                                      "CO2 exchange")
            << "\n";
      }
    if (area[0] > 0)
      out << "  (untagged)      " << area[0] / mm2 << " mm^2  no flux\n";
  }
} // namespace mgsim
