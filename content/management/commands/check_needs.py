"""``manage.py check_needs``: list every need whose status contradicts the chain; exit 1 if any."""

from django.core.management.base import BaseCommand

from content.selectors import need_contradictions


class Command(BaseCommand):
    help = (
        "Listar kompetensbehov vars status motsäger deras dialoger, insatser eller resultat. "
        "Avslutas med kod 1 om något hittas."
    )

    def handle(self, *args, **options):
        found = need_contradictions()
        for item in found:
            need = item.need
            region = need.region.name if need.region else "utan region"
            self.stdout.write(f"{need.pk}\t{region}\t{need.title}: {item.problem}")
        if found:
            self.stderr.write(f"{len(found)} kompetensbehov har en status som inte stämmer.")
            raise SystemExit(1)
        self.stdout.write("Alla kompetensbehov har en status som stämmer med kedjan.")
