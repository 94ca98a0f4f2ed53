" .smm files: profiles, assessments and catalogs of the IIC IoT Security Maturity Model.
autocmd BufNewFile,BufRead *.smm setfiletype smm
