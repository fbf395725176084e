"""The official templates shipped as data: the elements in order, 22 criteria coded E.C, loadable again."""

from cchc.surveys.models import Scale, SurveyCriterion, SurveyElement, SurveyTemplate
from cchc.surveys.official import load_official_templates


def test_the_2640_template_has_five_elements_in_order_and_22_criteria(official_template):
    elements = list(official_template.elements.values_list("number", "name"))
    assert elements == [
        (1, "Tiếp cận dịch vụ"),
        (2, "Thủ tục hành chính"),
        (3, "Công chức giải quyết công việc"),
        (4, "Kết quả giải quyết"),
        (5, "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị"),
    ]
    codes = list(official_template.criteria().values_list("code", flat=True))
    per_element = [sum(1 for code in codes if code.startswith(f"{e}.")) for e in range(1, 6)]
    assert per_element == [4, 5, 6, 3, 4]
    assert codes[:5] == ["1.1", "1.2", "1.3", "1.4", "2.1"]
    assert official_template.criteria().get(code="1.1").text == "Nơi ngồi chờ có đủ chỗ ngồi"
    assert official_template.is_default


def test_the_1001_template_has_the_first_four_elements(db):
    template = SurveyTemplate.objects.get(code="1001")
    assert list(template.elements.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert template.criteria().count() == 18


def test_loading_the_templates_again_changes_nothing(official_template):
    counts = (SurveyTemplate.objects.count(), SurveyElement.objects.count(), SurveyCriterion.objects.count())
    load_official_templates()
    assert (SurveyTemplate.objects.count(), SurveyElement.objects.count(), SurveyCriterion.objects.count()) == counts


def test_the_answer_scale_reads_from_very_dissatisfied_to_very_satisfied():
    assert [(s.value, s.label) for s in Scale] == [
        (1, "Rất không hài lòng"),
        (2, "Không hài lòng"),
        (3, "Bình thường"),
        (4, "Hài lòng"),
        (5, "Rất hài lòng"),
    ]


def test_a_database_emptied_since_the_migration_gets_the_official_template_back_on_first_use(commune_a, tmp_path):
    """`flush` or a browser test's reset empties the migration's data; opening a round must not fail."""
    from django.core.management import call_command

    from cchc.surveys.models import SurveyTemplate

    SurveyTemplate.objects.all().delete()
    path = tmp_path / "mot.csv"
    path.write_text("1.1,5.4\n5,2\n", encoding="utf-8")
    call_command("import_survey_responses", str(path), "--commune", commune_a.slug, "--campaign", "Sau khi xóa")
    template = SurveyTemplate.objects.get(is_default=True)
    assert template.code == "2640"
    assert template.criteria().count() == 22
