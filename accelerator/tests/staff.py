"""Logging staff in from tests, past both factors of the staff area."""


def login_staff(client, user):
    """Log `user` in as the admin's login form would after a right password and TOTP code;
    returns the client."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    # What django-otp's login form records once the code is right: the verifying device.
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
