from django.db import models


class DocumentText(models.Model):
    """Text extracted from an uploaded document (PDF), stored for search.

    Extraction runs as a background task after the upload commits; its outcome, including why
    it failed (corrupt, encrypted, image-only), is shown to editors and never blocks publishing.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Väntar på textutvinning"
        DONE = "done", "Text utvunnen"
        FAILED = "failed", "Texten kunde inte utvinnas"
        UNSUPPORTED = "unsupported", "Inte en PDF"

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="extracted_text"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    message = models.CharField(max_length=500, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    truncated = models.BooleanField(default=False)
    file_hash = models.CharField(max_length=64, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "utvunnen dokumenttext"
        verbose_name_plural = "utvunna dokumenttexter"

    def __str__(self) -> str:
        return f"{self.document} ({self.get_status_display()})"
