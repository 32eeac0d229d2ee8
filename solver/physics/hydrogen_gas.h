// H2 beyond its solubility forms gas (doc/model.md §2):
//   q_gas = kappa_g (h - h_sat)+ - kappa_d g [h < h_sat],  dg/dt = q_gas,
// with g the H2 held as gas per m^3 of tissue and the gas volume fraction
// g R T / p, held per DoF with the lumped volume w_i = int phi_i (a
// NodalPhase: the H2 content is exactly sum_i w_i h_i). Each step moves,
// from the state at the start of the step, the amount the local exchange law
// gives when integrated over the step with h frozen: w (h - h_sat)(1 -
// exp(-kappa_g dt)) into gas, or at most w g (1 - exp(-kappa_d dt)) back, never
// more than the deficit w (h_sat - h). So gas forms only where the tissue is
// supersaturated, g never becomes negative, and the transport receives the
// exchange as an exact injection.
#pragma once

#include "base/csv_file.h"
#include "base/linear_algebra.h"
#include "input/case_parameters.h"
#include "physics/nodal_phase.h"
#include "physics/phase_exchange.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/hp/q_collection.h>

#include <map>
#include <memory>

namespace mgsim
{
  class HydrogenGas : public NodalPhase, public PhaseExchange
  {
  public:
    /**
     * @p solubility: nodal h_sat [mol/m^3]; @p volumes: int phi_i dV [m^3].
     * Its field() is the gas volume fraction g R T / p [-]: its field_unit
     * is the gas volume per mole, R T / p [m^3/mol].
     */
    HydrogenGas(const dealii::DoFHandler<3>                   &dof_handler,
                const GasParameters                           &parameters,
                const VectorType                              &solubility,
                const VectorType                              &volumes,
                const std::vector<dealii::types::material_id> &regions,
                const dealii::hp::QCollection<3>              &quadrature);

    /**
     * Exchange over a step of @p dt from the dissolved state @p h: fills
     * @p to_gas with the moles moved into gas per DoF (negative where gas
     * redissolves) and updates the gas.
     */
    void
    exchange(const VectorType &h, double dt, VectorType &to_gas) override;

    /** H2 held as gas [mol]. */
    double
    moles() const override
    {
      return total_moles();
    }

    /** Gas volume at the model's temperature and pressure [m^3]. */
    double
    volume() const;

    /**
     * Gas volume in region @p r of the regions given to the constructor
     * [m^3]: the integral of the FE gas field over its cells.
     */
    double
    volume_in_region(unsigned int r) const;

  private:
    const GasParameters parameters;
    VectorType          solubility;
    /** int_region phi_i dV per region: region gas = weights . g. */
    std::vector<VectorType> region_volumes;
  };

  /**
   * The stats.csv columns of the gas held in @p gas (which is rebuilt when
   * the DoFs change; no gas model: zeros): its volume in all and in each of
   * @p regions (names in the case's order).
   */
  std::vector<CsvColumn>
  gas_statistics(const std::unique_ptr<HydrogenGas> &gas,
                 const std::vector<std::string>     &regions);
} // namespace mgsim
