from arbocheck.core.check.diagram import side_view


def _values(**kw):
    base = {"body_height_cm": 160, "desk_height_cm": 74, "rec_desk_height_cm": 64, "rec_seat_height_cm": 43,
            "seat_height_for_desk_cm": 53, "footrest_height_cm": 10, "desk_height_adjustable": False,
            "screen_distance_cm": 60, "device_setup": "desktop"}
    base.update(kw)
    return base


def texts(d):
    return [s.text for s in d.shapes if s.text]


def test_short_worker_at_high_fixed_desk():
    d = side_view(_values(), "nl", 4)
    assert "bureau 74 cm" in texts(d) and "aanbevolen bureau 64 cm" in texts(d)
    assert "voetensteun 10 cm" in texts(d)
    assert d.notes[0].startswith("Je bureau (74 cm) is hoger")
    rec = [s for s in d.shapes if s.text == "aanbevolen bureau 64 cm"][0]
    assert rec.dashed and rec.points[1] == 64


def test_english_and_no_footrest_for_adjustable_desk():
    d = side_view(_values(desk_height_adjustable=True, desk_height_cm=64), "en", 4)
    assert not [s for s in d.shapes if s.style == "footrest"]
    assert d.notes[0] == "Your desk (64 cm) fits the rule of thumb for your height (64 cm)."


def test_all_shapes_inside_the_canvas():
    for h in (150, 175, 200):
        d = side_view(_values(body_height_cm=h, screen_distance_cm=90), "nl", 4)
        for s in d.shapes:
            xs = s.points[0::2] if s.kind == "line" else s.points[:1]
            assert all(-1 <= x <= d.width for x in xs), s


def test_partial_values_do_not_fail():
    d = side_view({}, "nl", 4)
    assert d.shapes and d.notes == []



def test_the_desk_tolerance_is_the_questionnaire_s():
    from arbocheck.core.questionnaire import loader as qloader

    tol = qloader.find("thuiswerkplek").parameter("desk_tolerance_cm")
    assert tol == 4
    six_above = _values(desk_height_cm=70)  # the rule of thumb says 64
    assert side_view(six_above, "nl", tol).notes[0].startswith("Je bureau (70 cm) is hoger")
    assert side_view(six_above, "nl", 8).notes[0].startswith("Je bureau (70 cm) past")


def test_a_dining_chair_is_drawn_with_legs_not_as_an_office_chair():
    from arbocheck.core.check.diagram import side_view

    base = {"body_height_cm": 175, "desk_height_cm": 74}
    office = side_view(dict(base, chair_type="office_chair"), "nl", 3)
    dining = side_view(dict(base, chair_type="dining_chair"), "nl", 3)
    wheels = [s for s in office.shapes if s.kind == "circle" and s.style == "furniture"]
    assert len(wheels) == 2
    assert not [s for s in dining.shapes if s.kind == "circle" and s.style == "furniture"]
    legs = [s for s in dining.shapes if s.kind == "line" and s.style == "furniture" and s.points[1] == 0
            and s.points[0] == s.points[2] and s.points[0] < 60]
    assert len(legs) == 2  # front and back legs stand on the floor
