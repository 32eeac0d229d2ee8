// Unit conversions. Inside mgsim everything is SI (m, s, mol, mol/m^3 = mM);
// these constants convert what users read and write (mm/y, hours, days, mm).
#pragma once

namespace mgsim
{
  namespace units
  {
    constexpr double second = 1.0;
    constexpr double hour   = 3600.0 * second;
    constexpr double day    = 24.0 * hour;
    /** Julian year, as used for corrosion rates in mm/y. */
    constexpr double year = 365.25 * day;

    constexpr double meter      = 1.0;
    constexpr double millimeter = 1e-3 * meter;
    constexpr double micrometer = 1e-6 * meter;

    /** 1 mm/y as a velocity in m/s. */
    constexpr double mm_per_year = millimeter / year;

    /** mol/m^3 and mM are the same unit. */
    constexpr double mM = 1.0;

    /** Molar mass of magnesium [kg/mol]. */
    constexpr double molar_mass_mg = 24.305e-3;
  } // namespace units
} // namespace mgsim
