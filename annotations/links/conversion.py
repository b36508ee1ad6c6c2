"""Which claims' values can be compared, and how: a unit's family and its factor to the family's base unit.

Two claims compare when their units are of one family: the same currency (``GBX`` is a hundredth of
``GBP``), a percentage, percentage points (a basis point is a hundredth of one), a plain count, or physical
units of one dimension (``km`` and ``mi``; ``°C`` and ``°F``, which also have an offset), converted with
pint (:func:`claimdesk.annotations.extraction.units.registry`). Currencies are never converted into each
other: claimdesk has no exchange rates and reads nothing from the network.

:func:`same_figure` says whether two values in two units of one family are one figure as written: each
lies within the rounding of the other ("20 kilometres" and "about 12 miles": 20 km is 12.4 mi, within
11.5-12.5; 12 mi is 19.3 km, within 15-25).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from decimal import Decimal

from ..extraction import units

# Units of ours in a family of their own, or a fraction of another's base.
OWN_FAMILIES = {
    "": ("", 1.0),
    units.PERCENT: (units.PERCENT, 1.0),
    units.PERCENTAGE_POINT: (units.PERCENTAGE_POINT, 1.0),
    units.BASIS_POINT: (units.PERCENTAGE_POINT, 0.01),
    units.PENCE: ("GBP", 0.01),
    "degree": ("degree", 1.0),  # a temperature whose scale the text does not say
}
_PINT = {"mph": "mile/hour", "barrel": "oil_barrel", "°C": "degC", "°F": "degF"}  # our codes pint spells otherwise


@dataclass(frozen=True)
class Scale:
    """A unit's family, and how its values become the family's base unit: ``value × factor + offset``."""

    unit: str
    family: str
    factor: float = 1.0
    offset: float = 0.0

    def to_base(self, value: float) -> float:
        return value * self.factor + self.offset

    def from_base(self, value: float) -> float:
        return (value - self.offset) / self.factor


COUNT = Scale("", "")  # a plain count


@functools.lru_cache(maxsize=1024)  # a corpus has a few dozen units and a million claims
def scale_of(unit: str) -> Scale:
    """The :class:`Scale` of a unit code; an unknown one is a family of its own."""
    unit = unit or ""
    if unit in OWN_FAMILIES:
        family, factor = OWN_FAMILIES[unit]
        return Scale(unit, family, factor)
    if unit.upper() in units.CURRENCY_CODES:
        return Scale(unit, unit.upper())
    return _physical(unit) or Scale(unit, "unit:" + unit)


def _physical(unit: str) -> Scale | None:
    reg = units.registry()
    expression = _PINT.get(unit, unit.replace("²", "**2").replace("³", "**3"))
    try:
        zero = reg.Quantity(0, expression).to_base_units()
        one = reg.Quantity(1, expression).to_base_units()
    except Exception:  # pint raises many kinds on what it does not know
        return None
    factor = float(one.magnitude - zero.magnitude)
    if not factor or not math.isfinite(factor):
        return None
    return Scale(unit, "dim:" + str(one.dimensionality), factor, float(zero.magnitude))


def comparable(a: Scale, b: Scale) -> bool:
    return a.family == b.family


def convert(value: float, source: Scale, target: Scale) -> float:
    """``value`` in ``source``'s unit, in ``target``'s (the two of one family)."""
    if source.unit == target.unit:
        return value
    return target.from_base(source.to_base(value))


def rounding(value: float) -> float:
    """Half a unit of the last digit written that is not a zero: 12 → 0.5, 20 → 5, 2.3e9 → 5e7, 0.25 → 0.005."""
    if not value or not math.isfinite(value):
        return 0.5
    digits = Decimal(repr(abs(float(value)))).normalize()
    return 0.5 * 10.0 ** digits.as_tuple().exponent


def same_figure(a: float, a_scale: Scale, b: float, b_scale: Scale) -> bool:
    """Are ``a`` and ``b``, in two units of one family, one figure as each was written (within the rounding
    of both)?"""
    if not comparable(a_scale, b_scale):
        return False
    if a_scale.unit == b_scale.unit:
        return a == b
    return (abs(convert(b, b_scale, a_scale) - a) <= rounding(a) * (1 + 1e-9)
            and abs(convert(a, a_scale, b_scale) - b) <= rounding(b) * (1 + 1e-9))
