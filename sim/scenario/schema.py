"""Scenario schema: every key a scenario file may set, with its unit, default and bounds.

Values and their sources are listed in docs/ODD.md (parameter table). All models are
frozen and forbid unknown keys, so a typo in a scenario file is an error, not a silent default.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from sim.design.config import DesignConfig, PlanConfig
from sim.scenario.behaviour import RegimeConfig, RelationshipConfig
from sim.scenario.strict import Fraction, NonNegative, Positive, StrictModel


class Meta(StrictModel):
    """Title and description shown on the game's start screen and in reports."""

    title_nl: str = Field("Gladheidbestrijding", max_length=200)
    title_en: str = Field("Winter road maintenance", max_length=200)
    description_nl: str = Field("", max_length=4000)
    description_en: str = Field("", max_length=4000)


class WeatherConfig(StrictModel):
    """The stochastic Dutch winter and its forecast."""

    climate: Literal["mild", "average", "severe"] = Field(
        "average", description="Winter type; sets mean temperature, cold-spell and snow frequency."
    )
    days: int = Field(151, ge=1, le=400, description="Length of the season [days].")
    start_date: dt.date = Field(
        dt.date(2025, 11, 1), description="First day of the season (1 November in most plans)."
    )
    seed: int | None = Field(
        None,
        ge=0,
        description="Fixes the winter independently of the run seed; None = derive from run seed.",
    )
    forecast_base_error_c: NonNegative = Field(
        0.6, description="Forecast error of surface temperature at lead 0 [degC, 1 sd]."
    )
    forecast_error_growth_c_per_h: NonNegative = Field(
        0.06, description="Growth of the forecast error sd per hour of lead time [degC/h]."
    )
    forecast_miss_rate: Fraction = Field(
        0.1, description="Chance a precipitation event at 24 h lead is not forecast [-]."
    )


class TownConfig(StrictModel):
    """The town: its size and, optionally, a road network read from a file."""

    population: int = Field(
        50_000, ge=500, le=2_000_000, description="Inhabitants of the town [persons]."
    )
    file: str | None = Field(
        None,
        description="Road network as node-link JSON (nodes with x,y in m; edges with category);"
        " relative to the scenario file. None = generate from population.",
    )
    block_m: Positive = Field(200.0, le=2000.0, description="Grid spacing of the street plan [m].")
    schools: int | None = Field(
        None, ge=0, le=200, description="Number of schools; None = one per 4,000 inhabitants."
    )
    hospital: bool = Field(True, description="Whether the town has a hospital.")


class CitizensConfig(StrictModel):
    """The simulated residents (super-individuals standing for the whole population)."""

    agents: int = Field(
        5_000, ge=100, le=1_000_000, description="Simulated residents [agents]."
    )
    trips_per_day: Positive = Field(
        2.7, le=10.0, description="Trips per person per day [trips] (KiM Mobiliteitsbeeld)."
    )
    mode_share_car: Fraction = 0.47
    mode_share_bike: Fraction = 0.28
    mode_share_walk: Fraction = 0.25
    share_elderly: Fraction = Field(0.21, description="Share aged 67+ (CBS) [-].")
    slip_hazard_walk: NonNegative = Field(
        0.001,
        description="Slips per km walked on fully slippery surface [1/km]. Calibrated with"
        " the next two so that a 50k town has ~40 injuries in an average winter, 86 %"
        " pedestrians (VeiligheidNL: 18,000 SEH visits in 34 icy days of 2010).",
    )
    slip_hazard_bike: NonNegative = Field(
        0.00006,
        description="Falls per km cycled on fully slippery surface [1/km] (14 % of slip"
        " injuries were cyclists in 2010; cycle routes are treated).",
    )
    crash_hazard_car: NonNegative = Field(
        0.00001,
        description="Crashes per km driven on fully slippery surface [1/km] (a few per"
        " 50k town on a bad icy day; assumption).",
    )
    injury_given_slip: Fraction = Field(
        0.06, description="Share of slips that need medical care (SEH/GP) [-]."
    )
    injury_given_crash: Fraction = Field(
        0.1, description="Share of crashes with injury [-] (most are damage only; assumption)."
    )
    complaint_propensity: Fraction = Field(
        0.0001,
        description="Chance a resident complains after a trip on slippery treated roads [-]"
        " (low hundreds of complaints in an average winter for 50k; assumption).",
    )
    self_clearing_share: Fraction = Field(
        0.15, description="Share of residents who clear their own pavement unasked [-]."
    )

    @model_validator(mode="after")
    def _modes_sum_to_one(self) -> CitizensConfig:
        total = self.mode_share_car + self.mode_share_bike + self.mode_share_walk
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"mode shares must sum to 1 (car+bike+walk = {total:.3f})")
        return self


class SaltConfig(StrictModel):
    """Salt stock, resupply and price."""

    initial_stock_t: NonNegative = Field(
        400.0, le=1e6, description="Salt in the depot at season start [t]."
    )
    capacity_t: Positive = Field(500.0, le=1e6, description="Depot capacity [t].")
    reorder_level_t: NonNegative = Field(150.0, description="Order when stock falls below [t].")
    order_quantity_t: Positive = Field(200.0, description="Size of one order [t].")
    resupply_lead_days: NonNegative = Field(
        4.0, le=60.0, description="Days from order to delivery [days]."
    )
    supplier_capacity_t_per_week: NonNegative = Field(
        350.0, description="What the supplier can deliver per week [t/week] (50 t/day contract;"
        " Gouda, 72,000 inhabitants, had 70 t/day in 2010)."
    )
    price_eur_per_t: NonNegative = Field(65.0, description="Contract price of salt [EUR/t].")
    shortage_price_eur_per_t: NonNegative = Field(
        200.0, description="Spot price of salt during a shortage [EUR/t]."
    )

    @model_validator(mode="after")
    def _stock_fits(self) -> SaltConfig:
        if self.initial_stock_t > self.capacity_t:
            raise ValueError("initial_stock_t exceeds capacity_t")
        return self


class SaltMarketConfig(StrictModel):
    """The national salt market the depot buys from (docs/ODD.md 7.x, salt market)."""

    supplier_stock_kt: NonNegative = Field(
        250.0, le=1e4, description="Suppliers' stock of road salt at season start [kt]."
    )
    supply_kt_per_day: Positive = Field(
        4.0, le=100.0, description="What production and imports add each day [kt/day]."
    )
    demand_kt_per_frost_hour: NonNegative = Field(
        0.3, description="National orders per hour of road surface below 0 degC [kt/h]."
    )
    demand_kt_per_snow_mm: NonNegative = Field(
        2.5, description="National orders per mm (water equivalent) of snowfall [kt/mm]."
    )
    normal_price_eur_per_t: NonNegative = Field(
        65.0, description="Spot price while supply keeps up [EUR/t]."
    )
    max_price_eur_per_t: NonNegative = Field(
        300.0, description="Highest spot price in a shortage [EUR/t] (Borssele, 2010)."
    )


class ExecutorConfig(StrictModel):
    """The uitvoeringsorganisatie: fleet, crew, doses, salt and character."""

    name: str = Field("Stadsbeheer NV", max_length=100)
    trucks: int = Field(5, ge=1, le=200, description="Gritting trucks (one route each) [trucks].")
    drivers: int = Field(12, ge=1, le=1000, description="Drivers on the standby roster [persons].")
    shift_limit_h: Positive = Field(11.0, le=16.0, description="Max driving shift [h] (ATW).")
    rest_h: Positive = Field(11.0, le=24.0, description="Rest after a full shift [h] (ATW).")
    alarm_to_depart_min_h: NonNegative = Field(
        0.5, description="Call-out delay (alarm until the crew is at the depot), fastest [h]."
    )
    alarm_to_depart_max_h: NonNegative = Field(
        1.0, description="Call-out delay (alarm until the crew is at the depot), slowest [h]."
    )
    loading_h: NonNegative = Field(
        0.3, le=4.0, description="Loading salt and brine before a route [h]."
    )
    gritting_speed_kmh: Positive = Field(
        30.0, le=60.0, description="Speed while gritting a route [km/h]."
    )
    plough_speed_kmh: Positive = Field(
        20.0, le=60.0, description="Speed while ploughing and gritting in snow [km/h]."
    )
    empty_speed_kmh: Positive = Field(
        50.0, le=100.0, description="Speed driving empty from the depot to a route [km/h]."
    )
    dose_preventive_g_m2: NonNegative = Field(7.0, description="Preventive dose [g/m2] (CROW).")
    dose_curative_g_m2: NonNegative = Field(15.0, description="Curative dose [g/m2].")
    dose_snow_g_m2: NonNegative = Field(20.0, description="Dose in snow after ploughing [g/m2].")
    plough_threshold_cm: NonNegative = Field(2.0, description="Plough above this snow [cm] (RWS).")
    treat_secondary_in_snow: bool = Field(
        True, description="Second-priority routes in snow once the first are clear (plan)."
    )
    crew_cost_eur_per_h: NonNegative = Field(
        95.0, description="Driver incl. overtime/standby allowance [EUR/h]."
    )
    truck_cost_eur_per_h: NonNegative = Field(
        85.0, description="Gritter incl. fuel and wear [EUR/h]."
    )
    standby_cost_eur_per_day: NonNegative = Field(
        900.0, description="Readiness: roster, depot, weather service [EUR/day]."
    )
    opportunism: Fraction = Field(
        0.3, description="Propensity to put own margin before the client's interest [-]."
    )
    maturity: Fraction = Field(
        0.4, description="Professional maturity at start (grows with development) [-]."
    )
    financial_pressure: Fraction = Field(
        0.4, description="Financial pressure before any margin is booked: the prior the "
        "executor's pressure starts from (debts, other clients) [-] (ODD 7.9)."
    )
    aspiration_margin_pct: float = Field(
        6.0, ge=-50.0, le=50.0,
        description="The margin the executor aims for, its reference point (satisficing "
        "aspiration, Simon; Cyert & March) [%] (ODD 7.9)."
    )
    pressure_per_margin_pct: float = Field(
        0.02, ge=0.0, le=0.5,
        description="Pressure one margin point above the aspiration takes away; a point "
        "short adds loss_aversion times as much [1/%] (ODD 7.9)."
    )
    loss_aversion: float = Field(
        2.25, ge=1.0, le=5.0,
        description="How many times a margin point short of the aspiration weighs a point "
        "over it [-] (Tversky & Kahneman: 2.25) (ODD 7.9)."
    )
    salt: SaltConfig = SaltConfig()

    @model_validator(mode="after")
    def _call_out_range(self) -> ExecutorConfig:
        if self.alarm_to_depart_min_h > self.alarm_to_depart_max_h:
            raise ValueError("alarm_to_depart_min_h exceeds alarm_to_depart_max_h")
        return self


class RoadPhysicsConfig(StrictModel):
    """Parameters of the road-surface submodel."""

    salt_degraded_below_c: float = Field(
        -7.0, ge=-25.0, le=0.0, description="Salt starts losing effect below [degC]."
    )
    salt_ineffective_below_c: float = Field(
        -10.0, ge=-25.0, le=0.0, description="Salt has no effect below [degC]."
    )
    salt_half_life_h: Positive = Field(
        20.0, description="Half-life of residual salt on a busy dry road [h]."
    )
    passable_slipperiness: Fraction = Field(
        0.5, description="A segment counts as passable below this slipperiness [-]."
    )
    plough_residual_cm: NonNegative = Field(
        0.3, description="Snow left after ploughing (blade above road) [cm]."
    )

    @model_validator(mode="after")
    def _order(self) -> RoadPhysicsConfig:
        if self.salt_ineffective_below_c > self.salt_degraded_below_c:
            raise ValueError("salt_ineffective_below_c must not exceed salt_degraded_below_c")
        return self


DecisionRuleName = Literal[
    "salt_emergency_purchase",
    "plough_authorised",
    "sand_fallback",
    "secondary_routes_on_request",
]


class DecisionRule(StrictModel):
    """A pre-agreed rule for the unforeseen (beslisregel).

    What the two numbers mean depends on the rule:
    `salt_emergency_purchase`: below `threshold` t of salt the executor buys at once, at
    most `max_amount_eur` per purchase; `plough_authorised`: from `threshold` cm of snow
    (0: whenever the plan ploughs) the executor ploughs without asking, until the rounds
    ploughed on the rule reach `max_amount_eur` in the season; `secondary_routes_on_request`:
    from `threshold` cm of snow on the secondary routes a request to treat them is approved
    at once, up to `max_amount_eur` in the season; `sand_fallback` uses neither.
    """

    rule: DecisionRuleName
    threshold: NonNegative = Field(
        0.0, description="Trigger: salt stock [t] or snow depth [cm], depending on the rule."
    )
    max_amount_eur: NonNegative = Field(
        50_000.0, description="Spending authorised without further approval [EUR]: per "
        "purchase (salt) or per season (plough, secondary routes)."
    )


class ContractConfig(StrictModel):
    """The sourcing regime and the contract between gemeente and executor."""

    sourcing: Literal["forced", "market", "in_house"] = "forced"
    agreements: Literal["output", "outcome", "both"] = "output"
    fixed_fee_eur_per_season: NonNegative = Field(
        171_000.0, description="Standby, plan and development fee [EUR/season] (ODD 7.22)."
    )
    unit_price_eur_per_action: NonNegative = Field(
        2_200.0, description="Price of one full strooiactie [EUR/action] (ODD 7.22)."
    )
    meerwerk_rate_eur_per_h: NonNegative = Field(
        200.0, description="Rate for extra work outside the plan [EUR/h]."
    )
    period_years: int = Field(4, ge=1, le=30, description="Contract period [years].")
    switching_cost_eur: NonNegative = Field(
        150_000.0, description="Cost of changing supplier after a tender (market) [EUR]."
    )
    tender_cost_eur: NonNegative = Field(
        60_000.0, description="Cost of running a tender (market) [EUR]."
    )
    penalty_eur: NonNegative = Field(
        1_000.0, description="Penalty (korting) per route that missed the norm [EUR/route]."
    )
    penalty_cap_month_pct: float = Field(
        10.0, ge=0.0, le=100.0,
        description="Penalties deducted from one invoice, at most this share of it [%]."
    )
    penalty_cap_season_pct: float = Field(
        10.0, ge=0.0, le=100.0,
        description="Penalties in one season, at most this share of the fixed fee [%]."
    )
    route_norm_h: Positive = Field(3.0, description="Routes done within this after alarm [h].")
    decision_rules: list[DecisionRule] = Field(default_factory=list)
    escalation_committee: bool = False
    price_benchmark: bool = False
    transition_months: int = Field(0, ge=0, le=60, description="Joint transition period [months].")
    meetings_operational_per_month: int = Field(2, ge=0, le=31)
    meetings_management_per_quarter: int = Field(1, ge=0, le=13)


class MunicipalityConfig(StrictModel):
    """The gemeente as client (opdrachtgever)."""

    name: str = Field("Gemeente Middelstad", max_length=100)
    budget_eur_per_season: NonNegative = Field(
        300_000.0, description="Budget for gladheidbestrijding [EUR/season]."
    )
    expected_savings_pct: float = Field(
        10.0, ge=0.0, le=100.0, description="Savings promised by outsourcing [%]."
    )
    regie_capacity_h_per_week: NonNegative = Field(
        16.0, le=400.0, description="Hours for contract management [h/week]."
    )
    regie_cost_eur_per_h: NonNegative = Field(85.0, description="Cost of a regie hour [EUR/h].")
    steering_style: Literal["output_control", "relational", "outcome"] = Field(
        "output_control",
        description="How the gemeente steers: output_control (contract and reported output), "
        "relational (relationship and interests in meetings) or outcome (relational in "
        "meetings, and each month judged by the street rather than the output report).")
    micromanagement: Fraction = Field(
        0.2, description="Pull to sit in the executor's chair (former executor) [-]."
    )
    hidden_in_house_share: Fraction = Field(
        0.18, description="In-house: share of the real cost booked in other budgets [-]."
    )


class PoliticsConfig(StrictModel):
    """The wethouder, the council and the media."""

    attention_half_life_days: Positive = Field(
        4.0, description="Half-life of the wethouder's attention [days]."
    )
    intervention_threshold: Positive = Field(
        1.0, description="Attention above which the wethouder intervenes [-]."
    )
    media_incident_cluster: int = Field(
        3, ge=1, description="Injuries per day in the town that make a news story [count]; "
        "five times as many complaints in a day do too, and so does any salt-shortage day."
    )
    council_complaint_threshold: int = Field(
        30, ge=1, description="Complaints per week that trigger a council question [count]."
    )


RegisseurBot = Literal["controller", "relational", "absent"]
ExecutorBot = Literal["cooperative", "opportunistic", "bureaucratic"]
WethouderBot = Literal["hands_off", "incident_driven", "procedural"]


class RegisseurRole(StrictModel):
    """Who plays the regisseur: a bot archetype (humans are chosen at the session)."""

    bot: RegisseurBot = "controller"


class ExecutorRole(StrictModel):
    """Who plays the uitvoeringsorganisatie."""

    bot: ExecutorBot = "cooperative"


class WethouderRole(StrictModel):
    """Who plays the wethouder."""

    bot: WethouderBot = "incident_driven"


class RolesConfig(StrictModel):
    """Bot archetype per human role."""

    regisseur: RegisseurRole = RegisseurRole()
    executor: ExecutorRole = ExecutorRole()
    wethouder: WethouderRole = WethouderRole()


InjectName = Literal[
    "salt_supplier_fails",
    "truck_breakdown",
    "staff_sickness",
    "unforecast_freezing_rain",
    "media_storm",
    "council_motion",
    "executor_bankruptcy_risk",
    "cold_snap",
    "snowstorm",
]


class InjectSpec(StrictModel):
    """An event scheduled in the scenario (trainers can add more during play)."""

    name: InjectName
    day: int = Field(ge=0, le=400, description="Season day, 0 = first day.")
    hour: int = Field(8, ge=0, le=23)
    severity: Fraction = Field(0.5, description="How hard the inject hits [-].")


class Scenario(StrictModel):
    """A complete scenario: the unit a run, a session and a sweep are built from."""

    schema_version: Literal[1] = 1
    meta: Meta = Meta()
    weather: WeatherConfig = WeatherConfig()
    town: TownConfig = TownConfig()
    citizens: CitizensConfig = CitizensConfig()
    executor: ExecutorConfig = ExecutorConfig()
    roads: RoadPhysicsConfig = RoadPhysicsConfig()
    contract: ContractConfig = ContractConfig()
    municipality: MunicipalityConfig = MunicipalityConfig()
    relationship: RelationshipConfig = RelationshipConfig()
    regime: RegimeConfig = RegimeConfig()
    politics: PoliticsConfig = PoliticsConfig()
    salt_market: SaltMarketConfig = SaltMarketConfig()
    roles: RolesConfig = RolesConfig()
    injects: list[InjectSpec] = Field(default_factory=list, max_length=500)
    # The design phase before the winter (sim.design; None or skip: no phase).
    design: DesignConfig | None = None
    # The plan's route priorities (sim.design.plan; None: the usual first and second route).
    plan: PlanConfig | None = None
    seed: int = Field(1, ge=0, description="Default run seed when the command line gives none.")
