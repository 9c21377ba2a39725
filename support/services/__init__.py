"""Operations of the support app: `tickets` (assistance requests) and `administration`
(agents' rights, banners)."""
