"""The officials' personal data (RGPD): the notice, « Mes données », the retention."""
