#include "problem.h"

#include "concentration_bands.h"
#include "input_error.h"
#include "nodal_average.h"
#include "output_writer.h"
#include "progress.h"
#include "run_summary.h"
#include "statistics.h"
#include "units.h"

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/utilities.h>
#include <deal.II/distributed/grid_refinement.h>
#include <deal.II/distributed/solution_transfer.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/numerics/error_estimator.h>

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <limits>
#include <list>
#include <sstream>

namespace mgsim
{
  using namespace dealii;

  namespace
  {
    /**
     * Cells that would empty within this fraction of a step's recession
     * more are emptied in that step (their last bit of metal released a
     * little early), so that cells emptying at nearly the same time share
     * one step and one switch of the DoFs instead of each forcing its own.
     */
    constexpr double empty_snap = 0.02;
  } // namespace

  Problem::Problem(const CaseParameters &parameters, MPI_Comm comm)
    : prm(parameters)
    , comm(comm)
    , pcout(std::cout, Utilities::MPI::this_mpi_process(comm) == 0)
    // Never repartitioned: implant cells keep their rank (their metal is
    // stored there) and cells keep the material ids set during the run
    // (p4est would rebuild moved cells from the coarse mesh's ids).
    , triangulation(
        comm,
        Triangulation<3>::none,
        parallel::distributed::Triangulation<3>::no_automatic_repartitioning)
    , dofs(triangulation)
    , rate_law(parameters.implant)
  {
  }

  Problem::~Problem()
  {
    // These hold references into the DoFHandler: release them first.
    mg.reset();
    h2.reset();
    gas.reset();
    metal.reset();
    dofs.clear();
  }

  types::material_id
  Problem::implant_material() const
  {
    return mesh.regions.at(prm.implant.region);
  }

  void
  Problem::setup()
  {
    mesh = load_mesh(prm.mesh, triangulation);
    setup_regions();
    setup_dofs();
    surface = metal->exposed_area();
    if (surface.geometric == 0)
      throw InputError(prm.case_file + ": [implant] region = '" +
                       prm.implant.region +
                       "': the implant has no face in contact with tissue");
    setup_histories(0);
    coverage->reinit(dofs);
  }

  void
  Problem::setup_histories(const double t)
  {
    mg_exposure = std::make_unique<ExposureHistory>(prm.thresholds.band_edges);
    h2_exposure = std::make_unique<ExposureHistory>(std::vector<double>());
    mg_exposure->reinit(mg->solution(), t);
    h2_exposure->reinit(h2->solution(), t);
    coverage = std::make_unique<CoverageHistory>(prm.thresholds.anti_tumour);
  }

  void
  Problem::setup_regions()
  {
    check_mesh_against_case(mesh, prm);

    // Every configured region must hold cells (a group may exist but be
    // empty); `degraded` may start empty, with a material id of its own.
    std::map<types::material_id, double> counts;
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        counts[cell->material_id()] += 1;
    for (const auto &[name, id] : mesh.regions)
      if (Utilities::MPI::sum(counts[id], comm) == 0 && name != degraded_region)
        throw InputError(mesh.msh_file + ": region '" + name +
                         "' has no cells");
    if (mesh.regions.count(degraded_region) == 0)
      {
        types::material_id largest = 0;
        for (const auto &[name, id] : mesh.regions)
          largest = std::max(largest, id);
        mesh.regions[degraded_region] = largest + 1;
      }
    degraded_material = mesh.regions.at(degraded_region);
  }

  void
  Problem::setup_dofs()
  {
    const unsigned int degree = prm.solver.fe_degree;
    // One element everywhere: implant nodes exist but stay inactive (unit
    // rows, no mass) until their cells corrode away, so opening a cell adds
    // its terms without renumbering anything.
    fe_collection.push_back(FE_Q<3>(degree));
    cell_quadrature.push_back(QGauss<3>(degree + 1));
    face_quadrature.push_back(QGauss<2>(degree + 1));

    const types::material_id implant = implant_material();
    dofs.distribute_dofs(fe_collection);

    const PittingField pitting(prm.implant.alloy.pitting_weibull_shape,
                               prm.implant.pit_size,
                               prm.implant.pitting_seed);
    metal = std::make_unique<ImplantMetal>(
      dofs, implant, pitting, rate_law.mg_molar_density(), face_quadrature);
    setup_transports();
    mg->setup_system();
    h2->setup_system();
    setup_gas();
  }

  void
  Problem::setup_transports()
  {
    TransportSetup mg_setup, h2_setup;
    mg_setup.name = "Mg2+";
    h2_setup.name = "H2";
    for (TransportSetup *s : {&mg_setup, &h2_setup})
      {
        s->linear_tolerance     = prm.solver.linear_tolerance;
        s->amg_strong_threshold = prm.solver.amg_strong_threshold;
      }
    region_ids.clear();
    for (const auto &region : prm.regions)
      {
        const types::material_id id = mesh.regions.at(region.name);
        region_ids.push_back(id);
        mg_setup.coefficients[id] = region.tissue.mg;
        h2_setup.coefficients[id] = region.tissue.h2;
      }
    for (const auto &boundary : prm.boundaries)
      {
        const types::boundary_id id = mesh.boundaries.at(boundary.name);
        if (boundary.type == BoundaryType::background)
          {
            mg_setup.background_boundaries.insert(id);
            h2_setup.background_boundaries.insert(id);
          }
        else if (boundary.type == BoundaryType::washout)
          {
            mg_setup.washout_boundaries[id] = boundary.mg_mass_transfer;
            h2_setup.washout_boundaries[id] = boundary.h2_mass_transfer;
          }
      }

    mg = std::make_unique<ScalarTransport>(dofs,
                                           cell_quadrature,
                                           face_quadrature,
                                           mg_setup);
    h2 = std::make_unique<ScalarTransport>(dofs,
                                           cell_quadrature,
                                           face_quadrature,
                                           h2_setup);
  }

  void
  Problem::setup_gas()
  {
    if (prm.gas.enabled)
      {
        std::map<types::material_id, double> solubility;
        for (const auto &region : prm.regions)
          solubility[mesh.regions.at(region.name)] =
            region.tissue.h2_solubility;
        gas = std::make_unique<HydrogenGas>(dofs,
                                            prm.gas,
                                            nodal_average(dofs, solubility),
                                            h2->content_weights_vector(),
                                            region_ids,
                                            cell_quadrature);
      }
  }

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
    mg->open_cells(opened);
    h2->open_cells(opened);
    if (gas)
      {
        // Gas stays where it is, in moles per node.
        const VectorType moles = gas->moles_per_dof();
        setup_gas();
        gas->set_moles(moles);
      }
    // New nodes start without history; the others continue.
    mg_exposure->restart_from(mg->solution());
    h2_exposure->restart_from(h2->solution());
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
    KellyErrorEstimator<3>::estimate(
      dofs, face_quadrature, {}, mg->solution(), indicator);
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

    const double gas_moles = gas ? gas->moles() : 0.0;
    using Transfer = parallel::distributed::SolutionTransfer<3, VectorType>;
    Transfer mg_transfer(dofs), h2_transfer(dofs), gas_transfer(dofs),
      history_transfer(dofs);
    triangulation.prepare_coarsening_and_refinement();
    mg_transfer.prepare_for_coarsening_and_refinement(mg->solution());
    h2_transfer.prepare_for_coarsening_and_refinement(h2->solution());
    auto       history    = mg_exposure->state();
    const auto h2_history = h2_exposure->state();
    history.insert(history.end(), h2_history.begin(), h2_history.end());
    history_transfer.prepare_for_coarsening_and_refinement(history);
    coverage->prepare_for_coarsening_and_refinement(triangulation);
    if (gas)
      gas_transfer.prepare_for_coarsening_and_refinement(
        gas->volume_fraction());
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
    const IndexSet &owned = dofs.locally_owned_dofs();
    VectorType mg_new(owned, comm), h2_new(owned, comm), gas_new(owned, comm);
    mg_transfer.interpolate(mg_new);
    h2_transfer.interpolate(h2_new);
    if (gas)
      gas_transfer.interpolate(gas_new);
    std::vector<VectorType>   history_new(history.size(),
                                        VectorType(owned, comm));
    std::vector<VectorType *> history_targets;
    for (auto &v : history_new)
      history_targets.push_back(&v);
    history_transfer.interpolate(history_targets);

    metal->update_exposure();
    mg->adopt_mesh(mg_new);
    h2->adopt_mesh(h2_new);
    const auto split = history_new.begin() + mg_exposure->state().size();
    mg_exposure->adopt_mesh({history_new.begin(), split}, mg->solution());
    h2_exposure->adopt_mesh({split, history_new.end()}, h2->solution());
    coverage->unpack(dofs);
    if (gas)
      {
        setup_gas();
        gas->set_volume_fraction(gas_new, gas_moles);
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
    out << "mesh: " << prm.mesh.file << "\n"
        << "  read from        " << mesh.msh_file << "\n"
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
                                                      "washout")
            << "\n";
      }
    if (area[0] > 0)
      out << "  (untagged)      " << area[0] / mm2 << " mm^2  no flux\n";
  }

  std::vector<std::string>
  Problem::statistics_columns() const
  {
    std::vector<std::string> columns = {"time_s",
                                        "time_h",
                                        "dofs",
                                        "implant_mass_g",
                                        "implant_volume_mm3",
                                        "front_area_mm2",
                                        "mg_released_mol",
                                        "mg_tissue_mol",
                                        "mg_cleared_mol",
                                        "mg_boundary_mol",
                                        "mass_balance_rel_error",
                                        "max_c_mM",
                                        "min_c_mM",
                                        "max_h2_mM",
                                        "h2_released_mol",
                                        "h2_dissolved_mol",
                                        "h2_gas_mol",
                                        "h2_cleared_mol",
                                        "h2_boundary_mol",
                                        "h2_balance_rel_error",
                                        "h2_gas_volume_mm3"};
    for (const auto &region : prm.regions)
      columns.push_back("h2_gas_volume_mm3_" + region.name);
    columns.push_back("corrosion_rate_mm_per_y");
    columns.push_back("mg_flux_mol_per_m2_s");
    return columns;
  }

  std::vector<double>
  Problem::statistics_row(const double t) const
  {
    const TransportLedger &m   = mg->ledger();
    const TransportLedger &h   = h2->ledger();
    const double           mm2 = 1e-6, mm3 = 1e-9;
    // H2 released equals Mg released (1:1); the H2 transport's own ledger
    // counts what was injected net of gas exchange.
    const double h2_released = m.released;
    const double h2_gas      = gas ? gas->moles() : 0.0;
    const double h2_error =
      h2_released == 0 ?
        0.0 :
        std::abs(h2_released -
                 (h.content + h2_gas + h.cleared + h.boundary_outflow)) /
          h2_released;
    const double              metal_volume = metal->volume();
    std::vector<double>       row          = {t,
                                              t / units::hour,
                                              double(dofs.n_dofs()),
                                              prm.implant.alloy.density * metal_volume * 1e3,
                                              metal_volume / mm3,
                                              metal->front_area() / mm2,
                                              m.released,
                                              m.content,
                                              m.cleared,
                                              m.boundary_outflow,
                                              m.balance_error(),
                                              mg->max_value() / units::mM,
                                              mg->min_value() / units::mM,
                                              h2->max_value() / units::mM,
                                              h2_released,
                                              h.content,
                                              h2_gas,
                                              h.cleared,
                                              h.boundary_outflow,
                                              h2_error,
                                              (gas ? gas->volume() : 0.0) / mm3};
    const std::vector<double> per_region =
      gas ? gas->volume_per_region() :
            std::vector<double>(region_ids.size(), 0.0);
    for (const double v : per_region)
      row.push_back(v / mm3);
    row.push_back(rate_law.rate_mm_per_year(t));
    row.push_back(rate_law.mg_flux(t));
    return row;
  }

  void
  Problem::write_fields(OutputWriter &output, const double t) const
  {
    const auto &edges = prm.thresholds.band_edges;
    // Derived fields in display units; a list keeps their addresses.
    std::list<VectorType> derived;
    const auto            add = [&](VectorType v) -> const VectorType            *{
      derived.push_back(std::move(v));
      return &derived.back();
    };
    std::vector<OutputField> fields = {{&mg->solution(), "Mg2+ [mM]"},
                                       {&h2->solution(), "H2 [mM]"}};
    // The gas model is rebuilt when cells open: take its field afresh.
    if (gas)
      fields.push_back({&gas->volume_fraction(), "H2 gas volume fraction"});
    fields.push_back({add(band_index(mg->solution(), edges)), "Mg2+ band"});
    for (unsigned int k = 0; k < edges.size(); ++k)
      {
        std::ostringstream name;
        name << "time at or above " << edges[k] / units::mM << " mM [h]";
        fields.push_back(
          {add(scaled(mg_exposure->time_above(k), 1 / units::hour)),
           name.str()});
      }
    fields.push_back(
      {add(scaled(mg_exposure->dose(), 1 / (units::mM * units::hour))),
       "Mg2+ dose [mM h]"});
    fields.push_back({&mg_exposure->peak(), "Mg2+ peak [mM]"});
    fields.push_back({add(scaled(mg_exposure->peak_time(), 1 / units::hour)),
                      "Mg2+ peak time [h]"});
    fields.push_back({&h2_exposure->peak(), "H2 peak [mM]"});
    output.write(dofs,
                 fields,
                 {{metal->fraction_per_cell(), "metal fraction"}},
                 t);
  }

  std::vector<RegionExposure>
  Problem::region_exposures() const
  {
    const ThresholdParameters &t     = prm.thresholds;
    const auto                &edges = t.band_edges;
    const unsigned int         anti =
      std::find(edges.begin(), edges.end(), t.anti_tumour) - edges.begin();
    const VectorType &time_anti = mg_exposure->time_above(anti);

    const auto mg_peaks = region_peaks(dofs,
                                       mg_exposure->peak(),
                                       mg_exposure->peak_time(),
                                       region_ids);
    const auto h2_peaks = region_peaks(dofs,
                                       h2_exposure->peak(),
                                       h2_exposure->peak_time(),
                                       region_ids);
    const auto longest  = region_peaks(dofs, time_anti, time_anti, region_ids);
    const auto dose =
      region_peaks(dofs, mg_exposure->dose(), mg_exposure->dose(), region_ids);
    // Peak >= the stress level, on the bands' sub-cell quadrature (the peak
    // field is continuous); coverage from the times at quadrature points.
    const auto stressed =
      band_volumes(dofs, mg_exposure->peak(), {t.normal_stress}, region_ids);
    const auto covered =
      coverage->covered_volumes(dofs, t.tumour_min_duration, region_ids);
    const auto means = region_means(dofs, mg->solution(), region_ids);

    std::vector<RegionExposure> regions;
    for (unsigned int r = 0; r < region_ids.size(); ++r)
      {
        RegionExposure g;
        g.name   = prm.regions[r].name;
        g.tissue = prm.regions[r].tissue.name;
        g.role   = prm.regions[r].tissue.role;
        g.volume = stressed[r][0] + stressed[r][1];
        // An empty region (`degraded` before any cell corroded) reports 0.
        const auto finite = [](double v) { return std::isfinite(v) ? v : 0.0; };
        g.peak_mg         = finite(mg_peaks[r].value);
        g.peak_mg_time    = mg_peaks[r].companion;
        g.mean_mg_end     = means[r];
        g.peak_h2         = finite(h2_peaks[r].value);
        g.peak_h2_time    = h2_peaks[r].companion;
        g.longest_anti_tumour = finite(longest[r].value);
        g.covered_volume      = covered[r];
        g.stress_volume_ever  = stressed[r][1];
        g.max_dose            = finite(dose[r].value);
        regions.push_back(g);
      }
    return regions;
  }

  double
  Problem::next_step(const double       step,
                     const double       deviation,
                     const unsigned int order) const
  {
    // The deviation from the linear trend scales like dt^2 (BE) or dt^3
    // (BDF2); aim at the tolerance, change by at most a factor 2 per step.
    // Steps are powers of 2 times step_hours, so the system matrix and its
    // AMG hierarchy are rebuilt only when the level changes.
    const double factor =
      deviation > 0 ?
        std::pow(prm.time.adaptive_tolerance / deviation, 1.0 / (order + 1)) :
        2.0;
    const double wanted = step * std::clamp(factor, 0.5, 2.0);
    const double level =
      std::round(std::log2(wanted / prm.time.time_step) - 0.25);
    return std::clamp(prm.time.time_step * std::pow(2.0, level),
                      prm.time.min_step,
                      prm.time.max_step);
  }

  RunSummary
  Problem::run(std::ostream &progress_out, const double stop_after_seconds)
  {
    const bool         root      = Utilities::MPI::this_mpi_process(comm) == 0;
    const std::string &directory = prm.output.directory;
    const unsigned int order     = prm.time.scheme == TimeScheme::bdf2 ? 2 : 1;

    // A resumed run continues its files from the checkpoint's rows.
    const auto continued = [&](const std::string &file) {
      return resumed ?
               std::optional<std::uintmax_t>(resumed->csv_sizes.at(file)) :
               std::nullopt;
    };
    if (!resumed && root)
      // A fresh run must not leave an older run's checkpoint to resume.
      for (const char *name :
           {"checkpoint", "checkpoint.new", "checkpoint.old"})
        std::filesystem::remove_all(directory + "/" + name);

    VectorType released, to_gas, h2_injection;

    CsvWriter stats(directory + "/stats.csv",
                    statistics_columns(),
                    root,
                    continued("stats.csv"));

    CsvWriter solver_log(directory + "/solver.csv",
                         {"step",
                          "time_h",
                          "dt_s",
                          "cg_iterations_mg",
                          "cg_iterations_h2",
                          "assembly_s",
                          "amg_setup_s",
                          "solve_s",
                          "open_cells_s",
                          "refinement_s",
                          "exposure_s",
                          "step_wall_s"},
                         root,
                         continued("solver.csv"));

    std::unique_ptr<OutputWriter> output;
    if (prm.output.write_vtu)
      output = std::make_unique<OutputWriter>(
        directory,
        comm,
        resumed ? resumed->vtu_records :
                  std::vector<std::pair<double, std::string>>());
    // Band volumes per region at every output time (also without .vtu).
    std::vector<std::string> band_columns = {"time_h"};
    const auto              &edges        = prm.thresholds.band_edges;
    for (const auto &region : prm.regions)
      for (unsigned int b = 0; b <= edges.size(); ++b)
        {
          const std::string band =
            region.name + "_" + band_name(edges, b) + "_mM";
          band_columns.push_back(band + "_mm3");
          band_columns.push_back(band + "_fraction");
        }
    CsvWriter bands(directory + "/bands.csv",
                    band_columns,
                    root,
                    continued("bands.csv"));
    threshold_summary = ThresholdSummary();
    if (resumed)
      {
        threshold_summary.bands           = resumed->bands;
        threshold_summary.gas_volume_peak = resumed->gas_volume_peak;
      }
    const auto write_bands = [&](double t) {
      const auto volumes =
        band_volumes(dofs, mg->solution(), edges, region_ids);
      threshold_summary.bands.push_back({t, volumes});
      std::vector<double> row = {t / units::hour};
      for (const auto &per_region : volumes)
        {
          double total = 0;
          for (const double v : per_region)
            total += v;
          for (const double v : per_region)
            {
              row.push_back(v / 1e-9);
              row.push_back(total > 0 ? v / total : 0.0);
            }
        }
      bands.write_row(row);
    };

    const auto write_output = [&](double t) {
      write_bands(t);
      if (output)
        write_fields(*output, t);
    };

    RunSummary summary;
    Timer      wall;
    double     t               = 0;
    double     next_output     = prm.output.interval;
    double     next_adaptation = prm.adaptivity.interval;
    double     step            = prm.time.time_step;
    if (resumed)
      {
        t                         = resumed->time;
        next_output               = resumed->next_output;
        next_adaptation           = resumed->next_adaptation;
        step                      = resumed->step;
        summary.steps             = resumed->steps;
        summary.cells_opened      = resumed->cells_opened;
        summary.max_balance_error = resumed->max_balance_error;
      }
    else
      {
        stats.write_row(statistics_row(t));
        write_output(t);
      }

    const CheckpointParameters &every = prm.checkpoint;

    const auto next_checkpoint_after = [&](double time) {
      return every.interval > 0 ?
               (std::floor(time / every.interval + 1e-9) + 1) * every.interval :
               std::numeric_limits<double>::infinity();
    };
    double next_checkpoint = next_checkpoint_after(t);
    // A run that checkpoints (or may stop, or was resumed) also saves its
    // last state: a resume then finds it complete, or extends it to a later
    // end_days.
    const bool checkpointing =
      every.enabled() || resumed || std::isfinite(stop_after_seconds);
    // Wall clocks differ between ranks: rank 0 decides for all (one
    // broadcast per step, only if a wall-clock limit or interval is set).
    const bool watch_wall =
      std::isfinite(stop_after_seconds) || every.wall_interval > 0;
    Timer      since_checkpoint;
    const auto checkpoint = [&]() {
      RunState state;
      state.time              = t;
      state.step              = step;
      state.next_output       = next_output;
      state.next_adaptation   = next_adaptation;
      state.steps             = summary.steps;
      state.cells_opened      = summary.cells_opened;
      state.max_balance_error = summary.max_balance_error;
      state.bands             = threshold_summary.bands;
      state.gas_volume_peak   = threshold_summary.gas_volume_peak;
      if (output)
        state.vtu_records = output->written();
      state.csv_sizes = {{"stats.csv", stats.size()},
                         {"solver.csv", solver_log.size()},
                         {"bands.csv", bands.size()}};
      save_checkpoint(std::move(state));
      next_checkpoint = next_checkpoint_after(t);
      since_checkpoint.restart();
    };

    ProgressLine progress(progress_out, prm.time.end_time, root);
    const double tiny = 1e-9 * prm.time.time_step;
    while (t < prm.time.end_time - tiny)
      {
        double dt = std::min(step, prm.time.end_time - t);
        // No step empties a cell past zero: it ends when the next cell does.
        const double to_empty = metal->recession_to_next_empty();
        if (rate_law.recession(t, t + dt) >= to_empty)
          dt = rate_law.time_to_recede(t, to_empty) - t;
        const double t_new = t + dt;

        // The Mg (and 1:1 H2) that leaves the metal in this step, integrated
        // exactly in time: released totals equal metal lost.
        Timer step_timer;
        metal->recede(rate_law.recession(t, t_new), empty_snap, released);
        mg->advance_injecting(dt, order, released, 1.0);
        if (gas)
          {
            // Gas exchange from the state at the start of the step, handed
            // to the H2 transport as an exact (negative) injection.
            gas->exchange(h2->solution(), dt, to_gas);
            h2_injection = released;
            h2_injection -= to_gas;
            h2->advance_injecting(dt, order, h2_injection, 1.0);
          }
        else
          h2->advance_injecting(dt, order, released, 1.0);
        Timer exposure_timer;
        // The coverage step starts where the nodal history left off.
        coverage->record(
          dofs, mg_exposure->previous_level(), mg->solution(), dt, region_ids);
        mg_exposure->record(mg->solution(),
                            mg->background(),
                            mg->active_dofs(),
                            t_new);
        h2_exposure->record(h2->solution(),
                            h2->background(),
                            h2->active_dofs(),
                            t_new);
        const double exposure_seconds = exposure_timer.wall_time();
        t                             = t_new;
        ++summary.steps;
        Timer opening_timer;
        summary.cells_opened += open_emptied_cells();
        const double opening_seconds = opening_timer.wall_time();
        Timer        adapt_timer;
        if (prm.adaptivity.enabled && t >= next_adaptation - tiny)
          {
            adapt_mesh();
            next_adaptation += prm.adaptivity.interval;
          }
        const double adapt_seconds = adapt_timer.wall_time();

        stats.write_row(statistics_row(t));
        if (gas)
          threshold_summary.gas_volume_peak =
            std::max(threshold_summary.gas_volume_peak, gas->volume());
        const auto  &a = mg->last_step(), &b = h2->last_step();
        const double step_wall = step_timer.wall_time();
        solver_log.write_row({double(summary.steps),
                              t / units::hour,
                              dt,
                              double(a.iterations),
                              double(b.iterations),
                              a.assembly_seconds + b.assembly_seconds,
                              a.amg_setup_seconds + b.amg_setup_seconds,
                              a.solve_seconds + b.solve_seconds,
                              opening_seconds,
                              adapt_seconds,
                              exposure_seconds,
                              step_wall});
        summary.max_balance_error = std::max({summary.max_balance_error,
                                              mg->ledger().balance_error(),
                                              h2->ledger().balance_error()});

        if (prm.time.adaptive)
          step = next_step(step, mg->last_step().trend_deviation, order);

        const bool last = t >= prm.time.end_time - tiny;
        if (last || (prm.output.interval > 0 && t >= next_output - tiny))
          {
            write_output(t);
            while (next_output <= t + tiny && prm.output.interval > 0)
              next_output += prm.output.interval;
          }
        // Bit 0: time to stop; bit 1: a wall-clock interval has passed.
        unsigned int clock = 0;
        if (watch_wall)
          clock = Utilities::MPI::broadcast(
            comm,
            (wall.wall_time() >= stop_after_seconds ? 1u : 0u) |
              (every.wall_interval > 0 &&
                   since_checkpoint.wall_time() >= every.wall_interval ?
                 2u :
                 0u),
            0);
        const bool stop = !last && (clock & 1u);
        const bool due  = checkpointing &&
                         (last || t >= next_checkpoint - tiny || (clock & 2u));
        if (due || stop)
          checkpoint();
        progress.update(summary.steps, t);
        if (stop)
          {
            progress.finish();
            summary.stopped      = true;
            summary.end_time     = t;
            summary.wall_seconds = wall.wall_time();
            return summary;
          }
      }
    progress.finish();
    summary.end_time = t;

    threshold_summary.case_file    = prm.case_file;
    threshold_summary.alloy        = prm.implant.alloy.name;
    threshold_summary.end_time     = t;
    threshold_summary.steps        = summary.steps;
    threshold_summary.cells_opened = summary.cells_opened;
    threshold_summary.thresholds   = prm.thresholds;
    threshold_summary.regions      = region_exposures();
    threshold_summary.implant_mass_initial =
      prm.implant.alloy.density * metal->initial_volume();
    threshold_summary.implant_mass_left =
      prm.implant.alloy.density * metal->volume();
    threshold_summary.gas_volume_end = gas ? gas->volume() : 0.0;
    if (root)
      write_summary(directory, threshold_summary);

    summary.wall_seconds = wall.wall_time();
    Utilities::System::MemoryStats memory;
    Utilities::System::get_memory_stats(memory);
    summary.peak_memory_mb = Utilities::MPI::sum(memory.VmHWM / 1024.0, comm);
    return summary;
  }
} // namespace mgsim
