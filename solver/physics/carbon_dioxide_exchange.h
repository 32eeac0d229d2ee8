// CO2 exchange at a medium's free surface under a gas, e.g. culture medium in
// a 5 % CO2 incubator (doc/model.md §7.5). CO2 enters at
//   k_g (S pCO2 - [CO2]),   [CO2] = phi(pH) CT,
// with phi the CO2 fraction of the inorganic carbon CT. At a fixed total
// alkalinity, carbon added to a node stays CO2 almost mole for mole
// (d[CO2]/dCT <= 1, ~0.97 at pH 7.8), so the exchange is stiff in CT: the
// transport of CT takes k_g (CT - CT_b) implicitly, as a washout boundary
// (CT_b: the medium's carbon at rest), and this object injects the rest,
//   -k_g [phi(pH) CT - S pCO2 - (CT - CT_b)],
// from the TA the step reached and CT at its start, exactly (the gas is an
// unlimited reservoir). The rest falls with CT (d[CO2]/dCT <= 1), never
// faster than the implicit part rises, so the split is stable at any step.
// At rest under the medium's own pCO2 it vanishes; an alkaline medium takes
// CO2 up.
#pragma once

#include "base/linear_algebra.h"
#include "input/case_parameters.h"
#include "physics/acid_base.h"
#include "physics/phase_exchange.h"
#include "physics/scalar_transport.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/hp/q_collection.h>

#include <map>
#include <vector>

namespace mgsim
{
  /**
   * The medium whose CO2 solubility the exchange uses: that of the first
   * region exchanging CO2 with an incubator.
   */
  const Medium &
  gas_exchange_medium(const CaseParameters &parameters);

  class CarbonDioxideExchange : public PhaseExchange
  {
  public:
    /**
     * The gas_exchange boundaries of @p parameters (ids from @p boundaries),
     * the regions' media by material id, and the total alkalinity whose pH
     * the exchange needs.
     */
    CarbonDioxideExchange(
      const CaseParameters                                    &parameters,
      const std::map<std::string, dealii::types::boundary_id> &boundaries,
      const std::vector<std::pair<dealii::types::material_id, Medium>> &media,
      const dealii::DoFHandler<3>      &dof_handler,
      const dealii::hp::QCollection<2> &face_quadrature,
      const ScalarTransport            &alkalinity);

    /** CO2 moved out of the medium over a step [mol per DoF; negative: in]. */
    void
    exchange(const VectorType &carbon, double dt, VectorType &moved) override;

    /** Net CO2 the explicit part moved out since t = 0 [mol]. */
    double
    moles() const override
    {
      return exchanged;
    }

    /** Continues from a checkpoint's moles(). */
    void
    set_moles(const double moles)
    {
      exchanged = moles;
    }

  private:
    struct Surface
    {
      double co2_saturation; ///< S pCO2 [mol/m^3]
      double transfer;       ///< k_g [m/s]
    };
    std::map<dealii::types::boundary_id, Surface>  surfaces;
    std::map<dealii::types::material_id, AcidBase> media;
    const dealii::DoFHandler<3>                   &dof_handler;
    const dealii::hp::QCollection<2>               face_quadrature;
    const ScalarTransport                         &alkalinity;
    double                                         exchanged = 0;
  };
} // namespace mgsim
