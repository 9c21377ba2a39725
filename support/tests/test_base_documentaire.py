import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from support import faq_content
from support.models import Category, Entry, EntryAttachment
from support.sanitize import sanitize_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped_faq(db):
    """The shipped content (a data migration loads it; a transactional test may have
    flushed it since, so load it again: the loader is idempotent)."""
    faq_content.load(Category, Entry, sanitize_html)


@pytest.fixture
def category():
    return Category.objects.create(name="Tests", slug="tests", position=99)


def make_entry(category, body, **fields):
    return Entry.objects.create(
        category=category,
        title=fields.pop("title", "Essai"),
        slug=fields.pop("slug", "essai"),
        body=body,
        **fields,
    )


def test_a_script_in_an_entry_is_stripped_on_save_and_not_rendered(client, category):
    entry = make_entry(
        category,
        '<p onclick="steal()">Texte <strong>gras</strong></p><script>alert("xss")</script>'
        '<a href="javascript:alert(1)">piège</a><a href="https://www.service-public.fr/">ok</a>'
        '<img src=x onerror="alert(2)"><style>body{display:none}</style>',
    )
    entry.refresh_from_db()
    assert "<script" not in entry.body
    assert "alert" not in entry.body
    assert "onclick" not in entry.body
    assert "javascript:" not in entry.body
    assert "<img" not in entry.body
    assert "<style" not in entry.body
    assert "<strong>gras</strong>" in entry.body
    assert 'href="https://www.service-public.fr/"' in entry.body
    content = client.get(reverse("support:entry", args=[entry.slug])).content.decode()
    assert "<strong>gras</strong>" in content
    assert 'alert("xss")' not in content
    assert "steal()" not in content


def test_lists_and_links_are_kept(category):
    entry = make_entry(category, '<ul><li><a href="/aide/" title="Aide">Aide</a></li></ul>')
    assert entry.body == (
        '<ul><li><a href="/aide/" title="Aide" rel="noopener noreferrer">Aide</a></li></ul>'
    )


def test_unpublished_entries_are_hidden(client, category):
    entry = make_entry(category, "<p>Brouillon</p>", published=False)
    assert client.get(reverse("support:entry", args=[entry.slug])).status_code == 404
    assert "Essai" not in client.get(reverse("support:faq")).content.decode()


def test_the_shipped_content_is_loaded_and_the_command_is_idempotent():
    call_command("load_faq")
    call_command("load_faq")
    assert Entry.objects.count() == len(faq_content.ENTRIES)
    fiche = Entry.objects.get(slug="difficultes-de-connexion")
    assert fiche.kind == "fiche"
    assert "La procédure est valable 60 min" in fiche.body
    assert "spams" in fiche.body
    assert "/aide/demande-assistance/?motif=habilitation" in fiche.body
    for slug in [
        "creer-mon-espace",
        "etablissement-inconnu-cas-1",
        "etablissement-deja-inscrit-cas-2",
        "rien-recu-cas-3",
        "premiere-connexion",
        "mot-de-passe-oublie",
        "identifiant-oublie",
        "espace-documentaire-pieces-jointes",
        "simulateur-indemnisation",
    ]:
        assert Entry.objects.filter(slug=slug, published=True).exists(), slug
    for slug in ["mot-de-passe-oublie", "identifiant-oublie"]:
        body = Entry.objects.get(slug=slug).body
        assert "60 min" in body and "spams" in body
    assert (
        "3 pièces jointes de 400 ko"
        in Entry.objects.get(slug="espace-documentaire-pieces-jointes").body
    )


def test_the_faq_page_lists_the_fiche_and_the_categories(client, shipped_faq):
    content = client.get(reverse("support:faq")).content.decode()
    assert "Fiches pratiques" in content
    assert "Difficultés de connexion" in content
    assert "Accès à l&#x27;extranet" in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mot de passe", "mot-de-passe-oublie"),
        ("spams", "difficultes-de-connexion"),
        ("simulateur", "simulateur-indemnisation"),
        ("400 ko", "espace-documentaire-pieces-jointes"),
    ],
)
def test_search_finds_the_entries(client, shipped_faq, query, expected):
    page = client.get(reverse("support:faq"), {"q": query}).context["page"]
    assert expected in [entry.slug for entry in page]


def test_search_without_result_says_so(client):
    content = client.get(reverse("support:faq"), {"q": "zzzyyyxxx"}).content.decode()
    assert "Aucun résultat pour « zzzyyyxxx »" in content


def test_search_filters_by_kind(client, shipped_faq):
    page = client.get(reverse("support:faq"), {"q": "connexion", "type": "fiche"}).context["page"]
    assert {entry.kind for entry in page} == {"fiche"}


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_pdf_attachment_is_accepted_and_downloaded_as_a_pdf(client, category):
    entry = make_entry(category, "<p>Voir le document.</p>")
    attachment = EntryAttachment(
        entry=entry, title="Guide DI", file=SimpleUploadedFile("guide.pdf", PDF)
    )
    attachment.full_clean()
    attachment.save()
    assert "guide" not in attachment.file.name
    response = client.get(reverse("support:entry_attachment", args=[entry.slug, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="guide-di.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    page = client.get(reverse("support:entry", args=[entry.slug])).content.decode()
    assert "Guide DI" in page


def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(category):
    entry = make_entry(category, "<p>x</p>")
    attachment = EntryAttachment(
        entry=entry, title="Faux", file=SimpleUploadedFile("faux.pdf", b"<html><script>")
    )
    with pytest.raises(ValidationError) as error:
        attachment.full_clean()
    assert "Seuls les fichiers PDF sont acceptés." in str(error.value)


def test_an_attachment_of_another_entry_is_a_404(client, category):
    entry = make_entry(category, "<p>x</p>")
    other = make_entry(category, "<p>y</p>", slug="autre", title="Autre")
    attachment = EntryAttachment.objects.create(
        entry=entry, title="Doc", file=SimpleUploadedFile("d.pdf", PDF)
    )
    url = reverse("support:entry_attachment", args=[other.slug, attachment.pk])
    assert client.get(url).status_code == 404
