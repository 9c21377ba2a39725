"""An index on the captcha store's expiration (django-simple-captcha has none).

Every captcha check first deletes the expired challenges (`CaptchaStore.remove_expired`),
and every form shown creates one that lives 20 minutes: in a rush the table holds a
hundred thousand rows and each check scanned them all. The library's model is not ours,
so the index is created here, under a name of ours.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("apart", "0001_initial"),
        ("captcha", "0002_alter_captchastore_id"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS apart_captcha_expiration "
            "ON captcha_captchastore (expiration)",
            reverse_sql="DROP INDEX IF EXISTS apart_captcha_expiration",
        )
    ]
