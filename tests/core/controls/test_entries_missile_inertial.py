"""Thresholds of the inertial, navigation and flight-control entries: accelerometers (7A001,
7A101), gyros (7A002, 7A102), inertial systems (7A003), integrated navigation and heading sensors
(7A103.c, .d), satellite navigation receivers (7A105), flight control servo valves (7A116.c),
guidance sets (7A117) and laser-gyro mirror reflectometers (7B102)."""

from __future__ import annotations

import pytest

from tests.core.controls.entry_cases import case, check, with_
from tests.core.controls.missile_cases import edges

ACC, GYRO, IMU = "inertial.accelerometer", "inertial.gyroscope", "inertial.measurement_unit"
A1 = {
    "accelerometer_type": "linear",
    "operating_acceleration": "15 g",
    "accel_bias_stability": "129 micro g",
}
A2 = {
    "accelerometer_type": "linear",
    "operating_acceleration": "50 g",
    "accel_bias_repeatability": "1249 micro g",
    "accel_scale_factor_repeatability": "1249 ppm",
}
A3 = {"accelerometer_type": "linear", "designed_for_inertial_navigation": True}
NAV_ACC = {
    "accelerometer_type": "linear",
    "designed_for_inertial_navigation": True,
    "accel_bias_repeatability": "1249 micro g",
    "accel_scale_factor_repeatability": "1249 ppm",
}
FOG = {
    "gyro_type": "fibre_optic",
    "operating_acceleration": "50 g",
    "angular_rate_range": "499 deg/s",
    "gyro_bias_stability": "0.49 deg/h",
}
FAST_GYRO = {
    "gyro_type": "mems",
    "operating_acceleration": "50 g",
    "angular_rate_range": "500 deg/s",
    "gyro_bias_stability_3min": "3.9 deg/h",
}

CASES = [
    # 7A001.a.1: up to 15 g; bias stability < 130 micro g or scale factor stability < 130 ppm
    *edges(
        "7A001.a.1",
        ACC,
        A1,
        "operating_acceleration",
        ["15 g", "14.9 g", "147 m/s**2"],
        ["15.1 g", "148 m/s**2"],
    ),
    *edges(
        "7A001.a.1",
        ACC,
        A1,
        "accel_bias_stability",
        ["129.9 micro g", "129 ug", "0.1299 mg"],
        ["130 micro g", "130.1 µg", "0.1301 mg"],
    ),
    *edges(
        "7A001.a.1",
        ACC,
        with_(A1, accel_bias_stability=None),
        "accel_scale_factor_stability",
        ["129.9 ppm", "0.01299 percent"],
        ["130 ppm", "130.1 ppm", "0.0131 percent"],
    ),
    case(
        "7A001.a.1-vibration-only", ACC, with_(A1, vibration_or_shock_only=True), [], ["7A001.a.1"]
    ),
    case("7A001.a.1-angular", ACC, with_(A1, accelerometer_type="angular"), [], ["7A001.a.1"]),
    # 7A001.a.2: over 15 g up to 100 g; both repeatabilities < 1 250
    *edges(
        "7A001.a.2",
        ACC,
        A2,
        "operating_acceleration",
        ["15.1 g", "100 g", "980 m/s**2"],
        ["15 g", "100.1 g", "981.5 m/s**2"],
    ),
    *edges(
        "7A001.a.2",
        ACC,
        A2,
        "accel_bias_repeatability",
        ["1249.9 micro g", "1.2499 mg"],
        ["1250 micro g", "1250.1 micro g", "1.2501 mg"],
    ),
    *edges(
        "7A001.a.2",
        ACC,
        A2,
        "accel_scale_factor_repeatability",
        ["1249 ppm", "0.1249 percent"],
        ["1250 ppm", "1251 ppm", "0.1251 percent"],
    ),
    # 7A001.a.3 (navigation, linear) and 7A001.b (angular): over 100 g
    *edges(
        "7A001.a.3",
        ACC,
        A3,
        "operating_acceleration",
        ["100.1 g", "981.5 m/s**2"],
        ["100 g", "99.9 g", "980 m/s**2"],
    ),
    case(
        "7A001.a.3-not-navigation",
        ACC,
        with_(A3, designed_for_inertial_navigation=False, operating_acceleration="200 g"),
        [],
        ["7A001.a.3"],
    ),
    *edges(
        "7A001.b",
        ACC,
        {"accelerometer_type": "angular"},
        "operating_acceleration",
        ["100.1 g", "981.5 m/s**2"],
        ["100 g", "99.9 g", "980 m/s**2"],
    ),
    # 7A101: navigation accelerometers not in 7A001, repeatabilities < 1 250
    *edges(
        "7A101",
        ACC,
        NAV_ACC,
        "accel_bias_repeatability",
        ["1249.9 micro g", "1.2499 mg"],
        ["1250 micro g", "1250.1 micro g", "1.2501 mg"],
    ),
    *edges(
        "7A101",
        ACC,
        NAV_ACC,
        "accel_scale_factor_repeatability",
        ["1249 ppm", "0.1249 percent"],
        ["1250 ppm", "1251 ppm", "0.1251 percent"],
    ),
    case("7A101-mwd", ACC, with_(NAV_ACC, mwd_sensor=True), [], ["7A101"]),
    case(
        "7A101-in-7A001.a.2-instead",
        ACC,
        with_(NAV_ACC, operating_acceleration="50 g"),
        ["7A001.a.2"],
        ["7A101"],
    ),
    # 7A002.a.1: below 500 deg/s; bias < 0.5 deg/h or ARW <= 0.0035 deg/sqrt(h)
    *edges(
        "7A002.a.1",
        GYRO,
        FOG,
        "angular_rate_range",
        ["499.9 deg/s", "8.72 rad/s"],
        ["500 deg/s", "500.1 deg/s", "8.73 rad/s"],
    ),
    *edges(
        "7A002.a.1",
        GYRO,
        FOG,
        "gyro_bias_stability",
        ["0.499 deg/h", "29.9 arcmin/h"],
        ["0.5 deg/h", "0.501 deg/h", "30 arcmin/h"],
    ),
    *edges(
        "7A002.a.1",
        GYRO,
        with_(FOG, gyro_bias_stability="1 deg/h"),
        "angle_random_walk",
        ["0.0035 deg/h**0.5", "0.0034 deg/sqrt(h)", "0.21 arcmin/sqrt(h)"],
        ["0.0036 deg/h**0.5", "0.22 arcmin/sqrt(h)"],
    ),
    case(
        "7A002.a.1-spinning-mass-ARW-does-not-count",
        GYRO,
        with_(
            FOG,
            gyro_type="spinning_mass",
            gyro_bias_stability="1 deg/h",
            angle_random_walk="0.001 deg/h**0.5",
        ),
        [],
        ["7A002.a.1"],
    ),
    *edges(
        "7A002.a.1",
        GYRO,
        FOG,
        "operating_acceleration",
        ["100 g", "980 m/s**2"],
        ["100.1 g", "981.5 m/s**2"],
    ),
    # 7A002.a.2: 500 deg/s or more; 3-minute bias < 4 deg/h or ARW <= 0.1 deg/sqrt(h)
    *edges(
        "7A002.a.2",
        GYRO,
        FAST_GYRO,
        "angular_rate_range",
        ["500 deg/s", "500.1 deg/s", "8.73 rad/s"],
        ["499.9 deg/s", "8.72 rad/s"],
    ),
    *edges(
        "7A002.a.2",
        GYRO,
        FAST_GYRO,
        "gyro_bias_stability_3min",
        ["3.99 deg/h", "239 arcmin/h"],
        ["4 deg/h", "4.01 deg/h", "241 arcmin/h"],
    ),
    *edges(
        "7A002.a.2",
        GYRO,
        with_(FAST_GYRO, gyro_bias_stability_3min="10 deg/h"),
        "angle_random_walk",
        ["0.1 deg/h**0.5", "0.099 deg/h**0.5", "6 arcmin/sqrt(h)"],
        ["0.101 deg/h**0.5", "6.1 arcmin/sqrt(h)"],
    ),
    # 7A002.b: over 100 g
    *edges(
        "7A002.b",
        GYRO,
        {},
        "operating_acceleration",
        ["100.1 g", "981.5 m/s**2"],
        ["100 g", "980 m/s**2"],
    ),
    # 7A102: drift rate stability < 0.5 deg/h, other than 7A002
    *edges(
        "7A102",
        GYRO,
        {"operating_acceleration": "50 g", "angular_rate_range": "600 deg/s"},
        "gyro_bias_stability",
        ["0.49 deg/h", "29.9 arcmin/h"],
        ["0.5 deg/h", "0.51 deg/h", "30 arcmin/h"],
    ),
    case("7A102-in-7A002.a.1-instead", GYRO, FOG, ["7A002.a.1"], ["7A102"]),
    # 7A003.a: 0.8 nm/h, 0.5 % of distance, 1 nm in 24 h (CEP), civil certified excluded
    *edges(
        "7A003.a",
        IMU,
        {},
        "cep_rate",
        ["0.8 nmi/h", "0.79 nmi/h", "1.48 km/h"],
        ["0.81 nmi/h", "1.5 km/h"],
    ),
    *edges(
        "7A003.a",
        IMU,
        {},
        "cep_distance_fraction",
        ["0.5 percent", "0.49 percent", "5000 ppm"],
        ["0.51 percent", "5100 ppm"],
    ),
    *edges(
        "7A003.a", IMU, {}, "drift_24h", ["1 nmi", "0.99 nmi", "1852 m"], ["1.01 nmi", "1.86 km"]
    ),
    case("7A003.a-civil", IMU, {"cep_rate": "0.5 nmi/h", "civil_certified": True}, [], ["7A003.a"]),
    # 7A003.b: embedded position aid, < 10 m CEP for up to 4 minutes after losing all aids
    *edges(
        "7A003.b",
        IMU,
        {"embedded_positional_aiding": True},
        "holdover_position_accuracy",
        ["9.9 m", "9 m", "32 ft"],
        ["10 m", "1000 cm", "33 ft"],
    ),
    case(
        "7A003.b-no-embedded-aid",
        IMU,
        {"embedded_positional_aiding": False, "holdover_position_accuracy": "5 m"},
        [],
        ["7A003.b"],
    ),
    # 7A003.c: heading 0.07 deg sec(Lat) under 500 deg/s, 0.2 deg sec(Lat) at 500 deg/s and up
    *edges(
        "7A003.c",
        IMU,
        {"angular_rate_range": "499 deg/s"},
        "heading_accuracy",
        ["0.07 deg", "0.06 deg", "4.2 arcmin"],
        ["0.08 deg", "4.3 arcmin"],
    ),
    *edges(
        "7A003.c",
        IMU,
        {"angular_rate_range": "500 deg/s"},
        "heading_accuracy",
        ["0.2 deg", "0.19 deg", "12 arcmin"],
        ["0.21 deg", "12.6 arcmin"],
    ),
    case(
        "7A003.c-civil",
        IMU,
        {
            "angular_rate_range": "100 deg/s",
            "heading_accuracy": "0.01 deg",
            "civil_certified": True,
        },
        [],
        ["7A003.c"],
    ),
    # 7A003.d.2: space-qualified, ARW <= 0.1 deg/sqrt(h), not spinning mass only
    *edges(
        "7A003.d.2",
        IMU,
        {"space_qualified": True},
        "angle_random_walk",
        ["0.1 deg/h**0.5", "0.09 deg/h**0.5", "6 arcmin/sqrt(h)"],
        ["0.11 deg/h**0.5", "6.1 arcmin/sqrt(h)"],
    ),
    case(
        "7A003.d.2-spinning-mass",
        IMU,
        {
            "space_qualified": True,
            "angle_random_walk": "0.01 deg/h**0.5",
            "gyro_type": "spinning_mass",
        },
        [],
        ["7A003.d.2"],
    ),
    # 7A103.c integrated navigation: 200 m CEP
    *edges(
        "7A103.c",
        "navigation.integrated",
        {"designed_for_missiles": True},
        "navigation_accuracy",
        ["200 m", "199 m", "656 ft"],
        ["201 m", "660 ft"],
    ),
    case(
        "7A103.c-not-for-missiles",
        "navigation.integrated",
        {"designed_for_missiles": False, "navigation_accuracy": "10 m"},
        [],
        ["7A103.c"],
    ),
    # 7A103.d magnetic heading sensors: azimuth < 0.5 deg rms
    *edges(
        "7A103.d",
        "navigation.magnetic_heading_sensor",
        {"integrates_with_flight_control": True, "tilt_compensation": True},
        "azimuthal_accuracy",
        ["0.49 deg", "29 arcmin"],
        ["0.5 deg", "0.51 deg", "30 arcmin"],
    ),
    # 7A105 satellite navigation receivers
    case(
        "7A105.a-for-uav", "navigation.gnss_receiver", {"designed_for_missiles": True}, ["7A105.a"]
    ),
    *edges(
        "7A105.b.1",
        "navigation.gnss_receiver",
        {"airborne": True},
        "max_navigation_speed",
        ["601 m/s", "2161 km/h"],
        ["600 m/s", "599 m/s", "2159 km/h"],
    ),
    case(
        "7A105.b.1-not-airborne",
        "navigation.gnss_receiver",
        {"airborne": False, "max_navigation_speed": "1000 m/s"},
        [],
        ["7A105.b.1"],
    ),
    case(
        "7A105.b.2-decryption",
        "navigation.gnss_receiver",
        {"airborne": True, "secured_signal_decryption": True},
        ["7A105.b.2"],
    ),
    case(
        "7A105.b.3-anti-jam-civil-service",
        "navigation.gnss_receiver",
        {"airborne": True, "anti_jam": True, "civil_gnss_service_only": True},
        [],
        ["7A105.b.3"],
    ),
    case(
        "7A105.b.3-anti-jam",
        "navigation.gnss_receiver",
        {"airborne": True, "anti_jam": True},
        ["7A105.b.3"],
    ),
    # 7A116.c flight control servo valves: > 10 g rms
    *edges(
        "7A116.c",
        "flight_control.servo_valve",
        {"designed_for_missiles": True},
        "vibration_environment",
        ["10.1 g", "99.1 m/s**2"],
        ["10 g", "9.9 g", "98 m/s**2"],
    ),
    # 7A117 guidance sets: 3.33 % of range
    *edges(
        "7A117",
        "navigation.guidance_set",
        {},
        "guidance_accuracy",
        ["3.33 percent", "3.32 percent", "33300 ppm"],
        ["3.34 percent", "33400 ppm"],
    ),
    # 7B102 reflectometers: 50 ppm
    *edges(
        "7B102",
        "test.reflectometer",
        {},
        "reflectometer_accuracy",
        ["50 ppm", "49 ppm", "0.005 percent"],
        ["51 ppm", "0.0051 percent"],
    ),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), CASES)
def test_inertial_and_navigation_thresholds(kind, parameters, present, absent) -> None:
    check(kind, parameters, present, absent)


def test_fibre_optic_gyroscope_is_decided_with_its_trace() -> None:
    fog = {
        "gyro_type": "fibre_optic",
        "operating_acceleration": "30 g",
        "angular_rate_range": "300 deg/s",
        "gyro_bias_stability": "0.05 deg/h",
        "angle_random_walk": "0.002 deg/sqrt(h)",
    }
    result = check(GYRO, fog, ("7A002.a.1",), ("7A102",))
    assert result["controlled"]
    entry = next(e for e in result["entries"] if e["entry"] == "7A002.a.1")
    arw = next(t for t in entry["trace"] if t["parameter"] == "angle_random_walk")
    assert arw["threshold"] == "0.0035 deg/h**0.5" and arw["met"] is True


def test_guidance_set_is_category_one() -> None:
    result = check("navigation.guidance_set", {"guidance_accuracy": "1 percent"}, ("7A117",), ())
    assert next(e for e in result["entries"] if e["entry"] == "7A117")["mtcr_category"] == "I"


def test_application_for_a_gyroscope_and_a_propellant_by_cas_is_filed_assessed_and_decided(
    tmp_path,
) -> None:
    """Done-when of issue 11 part 4: an application with a fibre-optic gyroscope and a
    solid-propellant binder given by CAS number goes through `catchall assess` and is decided
    on the new entries (MTCR 9.A.4/Wassenaar 7A002 and 1C111.b.2 = MTCR 4.C.5)."""
    import json

    from tests.conftest import run_cli

    doc = {
        "reference": "GYRO-1",
        "exporter": {"name": "Nordic Photonics AS", "country": "NO"},
        "destination": "IN",
        "parties": [{"role": "end_user", "name": "Example Avionics Ltd", "country": "IN"}],
        "end_use": "Navigation units for survey aircraft",
        "items": [
            {
                "description": "Fibre-optic gyroscope",
                "kind": "inertial.gyroscope",
                "parameters": {
                    "gyro_type": "fibre_optic",
                    "operating_acceleration": "30 g",
                    "angular_rate_range": "300 deg/s",
                    "gyro_bias_stability": "0.05 deg/h",
                },
            },
            {
                "description": "HTPB binder",
                "kind": "chemical.propellant",
                "parameters": {"cas_number": "69102-90-5"},
            },
        ],
    }
    path = tmp_path / "gyro.json"
    path.write_text(json.dumps(doc))
    r = run_cli("assess", str(path), "--json", env={"CATCHALL_HOME": str(tmp_path / "home")})
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["recommendation"] in ("approve_with_conditions", "refer", "deny")
    assert out["licence_required"]["required"] is True
    found = {e["entry"] for item in out["items"] for e in item["entries"]}
    assert {"7A002.a.1", "1C111.b.2"} <= found

    bad = dict(
        doc, items=[{"kind": "chemical.propellant", "parameters": {"cas_number": "69102-90-4"}}]
    )
    path.write_text(json.dumps(bad))
    r = run_cli("assess", str(path), env={"CATCHALL_HOME": str(tmp_path / "home")})
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "items[0].parameters.cas_number" in r.stderr and "check digit" in r.stderr
