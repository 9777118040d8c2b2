-- Reserved for a migration of another feature; replaced by it on merge.
SELECT 1;
