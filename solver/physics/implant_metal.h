// The metal of the implant, cell by cell (doc/model.md §2): each implant cell
// K loses metal across its exposed faces -- faces shared with a tissue cell,
// including cells that have already corroded away -- so the corrosion front
// moves inward one cell at a time.
//
// Within a cell every exposed face f recedes at f_f v(t), with v the rate
// law's recession velocity and f_f the face's mean pitting factor; d_f is
// how far it has receded. The remaining metal is a hexahedron shrunk along
// its three axes: along axis a (faces 2a, 2a+1) the cross-section varies
// linearly between the two face areas (a frustum, exact for the layers of a
// cylinder), so the fraction left is phi_K = prod_a g_a(d_2a, d_2a+1) with
//   g_a = int_{d_lo}^{l_a - d_hi} A_a(x) dx / int_0^{l_a} A_a(x) dx.
// The exposed area is then -dV/ds, which shrinks as the front moves into a
// curved layer: a uniformly corroding wire follows R(t) = R0 - v t. The
// Mg released by a cell, rho w_Mg |K| (phi_before - phi_after) / M_Mg, enters
// the tissue across its exposed faces in the same step (split by pitting-
// weighted area, and within a face by f phi_i). With the front's chemistry
// (doc/model.md §7.6) every face of a cell recedes f_f m_K v, m_K the cell's
// film and pH factor, set before each step.
#pragma once

#include "base/csv_file.h"
#include "base/linear_algebra.h"
#include "physics/front_chemistry.h"
#include "physics/pitting.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/grid/cell_id.h>
#include <deal.II/hp/q_collection.h>
#include <deal.II/lac/vector.h>

#include <algorithm>
#include <array>
#include <map>
#include <vector>

namespace mgsim
{
  /** @brief Areas of the exposed implant surface [m^2], summed over ranks. */
  struct SurfaceAreas
  {
    /** Geometric area of the exposed faces. */
    double geometric = 0;
    /** Area weighted with the pitting factor, int_S f dS. */
    double effective = 0;
  };

  class ImplantMetal
  {
  public:
    /**
     * Starts with every cell of material @p implant full of metal.
     * @p mg_molar_density: rho w_Mg / M_Mg [mol/m^3].
     */
    ImplantMetal(const dealii::DoFHandler<3>      &dof_handler,
                 dealii::types::material_id        implant,
                 const PittingField               &pitting,
                 double                            mg_molar_density,
                 const dealii::hp::QCollection<2> &face_quadrature);

    /**
     * Finds the exposed faces and how their release is distributed over the
     * tissue DoFs. Call after every change of the DoFs or of the cells' FE.
     */
    void
    update_exposure();

    /**
     * Base recession [m] after which the next cell empties (minimum over all
     * ranks); infinity if no metal is exposed.
     */
    double
    recession_to_next_empty() const;

    /**
     * Recedes every exposed face by f_f @p ds and fills @p released with the
     * Mg moles that enter each tissue DoF. Cells that would empty within
     * (1 + @p snap) @p ds are emptied completely, so near-simultaneous
     * events share one step. Returns the moles released (all ranks).
     */
    double
    recede(double ds, double snap, VectorType &released);

    /**
     * Sets each exposed cell's rate factor m_K = f_film f_pH (@p front) from
     * its film and the pH at its tissue nodes (@p ph, ghosted, weighted as
     * the cell's release). Call before a step: the factors hold during it.
     */
    void
    set_rate_factors(const FrontChemistry &front, const VectorType &ph);

    /**
     * Grows each exposed cell's film by the Mg(OH)2 precipitated at its
     * tissue nodes in the step of @p dt [s] just taken (@p precipitated
     * [mol] per DoF, owned; each node's amount spread over the front area it
     * stands for) and dissolves it at k_dis. @p ghost_layout: any ghosted
     * vector on the DoFs. Collective.
     */
    void
    grow_films(const FrontChemistry &front,
               const VectorType     &precipitated,
               const VectorType     &ghost_layout,
               double                dt);

    /**
     * After mesh refinement: implant cells that were refined hand their
     * metal to their children (conserved exactly). Call before
     * update_exposure().
     */
    void
    split_refined_cells();

    /**
     * For a checkpoint: what the metal of @p cell has been through (the
     * recession depths of its six faces, its scale and film); empty if the
     * cell holds no metal. The rest follows from the cell's geometry.
     */
    std::vector<double>
    checkpoint_cell(
      const dealii::DoFHandler<3>::active_cell_iterator &cell) const;

    /**
     * Continues from a checkpoint on the same mesh: every implant cell takes
     * its state from @p states (indexed by active cell index, as written by
     * checkpoint_cell()); @p initial_volume is the implant volume at the
     * start of the run.
     */
    void
    restore(const std::vector<std::vector<double>> &states,
            double                                  initial_volume);

    /** Whether the locally owned @p cell is an implant cell with metal. */
    bool
    holds(const dealii::DoFHandler<3>::active_cell_iterator &cell) const
    {
      return cells.count(cell->id()) > 0;
    }

    /** Whether the locally owned implant @p cell has an exposed face. */
    bool
    exposed(const dealii::DoFHandler<3>::active_cell_iterator &cell) const
    {
      const CellMetal &metal = cells.at(cell->id());
      return std::find(metal.exposed.begin(), metal.exposed.end(), true) !=
             metal.exposed.end();
    }

    /** Locally owned implant cells without metal left (after recede()). */
    std::vector<dealii::DoFHandler<3>::active_cell_iterator>
    emptied_cells() const;

    /** Forgets cells that have become tissue (emptied_cells()). */
    void
    remove_emptied_cells();

    /** Metal volume left [m^3] (all ranks). */
    double
    volume() const;

    /** Metal volume at t = 0 [m^3]. */
    double
    initial_volume() const
    {
      return volume_at_start;
    }

    /**
     * Area of the corrosion front now, weighted with the pitting factor and
     * the front chemistry's (-dV/ds, all ranks) [m^2]: release rate =
     * v(t) rho w / M times this.
     */
    double
    front_area() const;

    /** Faces exposed now, as in the mesh (all ranks). */
    SurfaceAreas
    exposed_area() const;

    /** Metal fraction per active cell (0 in tissue), for output. */
    dealii::Vector<float>
    fraction_per_cell() const;

    /**
     * Its stats.csv columns: implant_mass_g (alloy @p density [kg/m^3]),
     * implant_volume_mm3, front_area_mm2; with the front's chemistry
     * (@p front_chemistry) front_film_um and front_rate_factor, their means
     * over the front. Collective.
     */
    std::vector<CsvColumn>
    statistics(double density, bool front_chemistry = false) const;

    /** Film thickness per active cell [m] (0 in tissue), for output. */
    dealii::Vector<float>
    film_per_cell() const;

  private:
    /** One implant cell: geometry, exposure and how far each face receded. */
    struct CellMetal
    {
      double                volume = 0;
      std::array<double, 6> area{}, pitting{}, depth{};
      std::array<bool, 6>   exposed{};
      std::array<double, 3> length{};
      /** Emptied by recede(): no metal left. */
      bool empty = false;
      /** Metal per unit of frustum volume (1 unless split from a parent). */
      double scale = 1;
      /** Mg(OH)2 film on the cell's exposed faces [m]. */
      double film = 0;
      /** m_K, the front chemistry's factor on every face's rate. */
      double rate_factor = 1;

      /** Metal left [m^3]. */
      double
      metal_volume() const
      {
        return scale * volume * fraction(depth);
      }
      /** Release distribution: tissue DoFs and weights summing to 1. */
      std::vector<dealii::types::global_dof_index> dofs;
      std::vector<double>                          weights;

      /** The mean of @p field (ghosted) over dofs, weighted as the release. */
      double
      gather(const VectorType &field) const
      {
        double mean = 0;
        for (std::size_t i = 0; i < dofs.size(); ++i)
          mean += weights[i] * field(dofs[i]);
        return mean;
      }

      /** The remaining metal along one axis (0 everywhere if used up). */
      struct Axis
      {
        /** Fraction left along the axis, g_a. */
        double remaining = 0;
        /** Cross-sections at the two receding faces' positions [m^2]. */
        double area_lo = 0, area_hi = 0;
        /** int_0^l A(x) dx of the whole frustum [m^3]. */
        double total = 0;
      };
      Axis
      axis(unsigned int a, const std::array<double, 6> &d) const;

      /** Fraction of the cell still metal at face depths @p d. */
      double
      fraction(const std::array<double, 6> &d) const;
      /** Area of the exposed faces as in the mesh [m^2]. */
      double
      exposed_face_area() const
      {
        double a = 0;
        for (unsigned int f = 0; f < 6; ++f)
          if (exposed[f])
            a += area[f];
        return a;
      }
      /** -dV/ds: pitting- and rate-weighted area of the front in the cell. */
      double
      front_area() const;
      /** Base recession until the cell is empty (infinity if unexposed). */
      double
      recession_to_empty() const;
    };

    /** An implant cell full of metal; @p face_values from face_geometry(). */
    CellMetal
    full_cell(const dealii::DoFHandler<3>::active_cell_iterator &cell,
              dealii::FEFaceValues<3> &face_values) const;

    const dealii::DoFHandler<3>     &dof_handler;
    const dealii::types::material_id implant;
    const PittingField               pitting;
    const double                     molar_density;
    const dealii::hp::QCollection<2> face_quadrature;
    /**
     * Locally owned implant cells. Keyed by CellId: implant cells are never
     * refined or moved to another rank, so their ids survive mesh adaptation.
     */
    std::map<dealii::CellId, CellMetal> cells;
    double                              volume_at_start = 0;
  };
} // namespace mgsim
